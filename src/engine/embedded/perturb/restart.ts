import type { FaultInjection } from "../../../formats/workflow.ts";
import {
  type EffectRecord,
  isQuiescent,
  isReady,
  makePending,
  type Pending,
  type RestartPhase,
  type StateNode,
} from "../state/index.ts";
import type { StepEnv } from "../step/env.ts";
import { CLEANUP_ID, GC_ID } from "../step/registry.ts";
import { triggeredBy } from "../step/triggers.ts";

/**
 * Manager restart after an injected crash (ctrlhunt extension `faultInjection[i].restartManager`). A crash of a
 * controller is a crash of its manager: once the restart is due, the manager's informers list every object
 * again and every controller reconciles what that list triggers, with fresh caches and reset memory.
 */

/** Step metadata on every reconcile after the restart, and the marker on the first one. */
export const AFTER_RESTART_KEY = "ctrlhunt.afterRestart";
export const RESTART_KEY = "ctrlhunt.restart";
/** Step metadata on the step where an injected crash fired (kamera drops the crash error; this keeps it visible). */
export const CRASHED_KEY = "ctrlhunt.crashed";
/** Dump context attribute naming each fault's restart option: `<reconciler>=quiescence` or `<reconciler>=atDepth:<n>`. */
export const RESTART_ATTRIBUTE = "ctrlhunt.restartManager";

/** The RESTART_ATTRIBUTE value of a config (comma-separated, in fault order), or undefined when none restarts. */
export function restartAttribute(cfg: { readonly faults: readonly FaultInjection[] }): string | undefined {
  const parts = cfg.faults.flatMap((f) => {
    const r = f.restartManager;
    if (r === undefined) return [];
    return [`${f.reconciler}=${r === "quiescence" ? r : `atDepth:${r.atDepth}`}`];
  });
  return parts.length ? parts.join(",") : undefined;
}

/** What a crash of `fault` leaves on the branch: nothing (kamera parity) or a restart to wait for. */
export function restartAfterCrash(fault: FaultInjection | undefined): RestartPhase | undefined {
  const r = fault?.restartManager;
  if (r === undefined) return undefined;
  return r === "quiescence" ? { phase: "awaiting" } : { phase: "awaiting", atDepth: r.atDepth };
}

export function awaitingRestart(n: Pick<StateNode, "restart">): boolean {
  return n.restart?.phase === "awaiting";
}

export function restarted(n: Pick<StateNode, "restart">): boolean {
  return n.restart?.phase === "restarted";
}

/** Due at its depth, or once nothing is ready (converged in kamera's sense, or only deferred work left). */
export function restartDue(n: StateNode): boolean {
  const r = n.restart;
  if (r?.phase !== "awaiting") return false;
  if (r.atDepth !== undefined && n.depth >= r.atDepth) return true;
  return isQuiescent(n.pending) || !n.pending.some((p) => isReady(p, n.depth));
}

/**
 * The informers' initial list after the restart: what a CREATE of every live object triggers (the same rule as
 * the root's initial work), for the project's controllers only, with source Recovery. Entries of the API
 * server's cleanup and the garbage collector are not the manager's and stay queued.
 */
export function resyncPending(env: StepEnv, n: StateNode): Pending[] {
  const effects: EffectRecord[] = [];
  for (const kind of n.objects.kindNames().sort())
    for (const entry of n.objects.list(kind)) effects.push({ op: "CREATE", entry });
  const builtin = (p: Pending) => p.reconcilerId === CLEANUP_ID || p.reconcilerId === GC_ID;
  const resync = triggeredBy(effects, env.reg, env.store)
    .filter((p) => !builtin(p))
    .map((p) => makePending(p.reconcilerId, p.namespace, p.name, "Recovery"));
  return [...n.pending.filter(builtin), ...resync];
}

/** The node right after the restart: same objects and depth, the resync as its queue, stale views gone. */
export function restartNode(env: StepEnv, n: StateNode): StateNode {
  return {
    ...n,
    pending: resyncPending(env, n),
    restart: { phase: "restarted", firstStep: true },
    stuck: undefined,
    parent: n,
    memo: undefined,
  };
}

/** Metadata for a reconcile step run on `n`, and the restart phase its child carries. */
export function restartStepMetadata(n: Pick<StateNode, "restart">): {
  metadata?: Record<string, string>;
  next: RestartPhase | undefined;
} {
  const r = n.restart;
  if (r?.phase !== "restarted") return { next: r };
  const metadata: Record<string, string> = { [AFTER_RESTART_KEY]: "true" };
  if (r.firstStep) metadata[RESTART_KEY] = "manager";
  return { metadata, next: r.firstStep ? { phase: "restarted", firstStep: false } : r };
}
