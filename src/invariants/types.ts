import type { KubeObj } from "../formats/kube-object.ts";

/**
 * Invariants: oracles over a converged terminal state, stronger than "differs from the reference". They read
 * terminal-state JSON only (never controller code), so the same interface serves embedded projects (project.ts),
 * Go projects (checks.ts next to project.json) and proposed invariants compiled from records.
 */

/** An object named by a violation: canonical `group/Kind` ("core/Pod"), namespace ("" when cluster-scoped), name. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/** One broken rule in one terminal state, naming the objects involved. */
export interface Violation {
  message: string;
  objects: ObjectRef[];
}

/** A read-only view of one terminal state: every object's full JSON, found by canonical kind. */
export interface TerminalView {
  /** Every object, sorted by kind, namespace, name. */
  readonly objects: ReadonlyArray<{ ref: ObjectRef; object: KubeObj }>;
  /** One object, or null when absent. `namespace` defaults to "" (cluster-scoped). */
  get(kind: string, name: string, namespace?: string): KubeObj | null;
  /** Objects of a kind, optionally in one namespace and with all the given labels. */
  list(kind: string, opts?: { namespace?: string; labels?: Record<string, string> }): KubeObj[];
}

export interface Invariant {
  /** Short, unique within the project: shown in findings ("no leaked tenant namespace"). */
  name: string;
  description?: string;
  /** Violations in this terminal state; [] when it holds. Must be pure: same view ⇒ same answer. */
  check(state: TerminalView): Violation[];
}

/** What a Go (kamera) project declares in checks.ts next to project.json: `export default defineChecks({...})`. */
export interface ProjectChecks {
  invariants?: Invariant[];
  /** Extra JSON paths (or named masks) that never make two outcomes different, e.g. "status.lastSyncTime". */
  masks?: string[];
  /** Turn off a built-in invariant by name (e.g. when terminating objects at convergence are intended). */
  disableBuiltins?: string[];
}

export function defineChecks(checks: ProjectChecks): ProjectChecks {
  return checks;
}

/** An invariant's verdict on one terminal state; `error` when the check itself threw (a project bug, not evidence). */
export interface InvariantResult {
  invariant: string;
  builtin: boolean;
  violations: Violation[];
  error?: string;
}
