import {
  citeStep,
  citeTerminal,
  outcomeOf,
  pathsOf,
  statesOf,
  type TerminalState,
} from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import type { DumpStep } from "../../formats/dump.ts";
import { CRASH_ERROR } from "./crash.ts";
import { type PendingRetry, pendingRetries } from "./retries.ts";
import { outcomeCounts } from "./terminal.ts";
import type { Evidence, LoadedDump } from "./types.ts";

/** Times one controller must fail the same way in a path's second half for the failure to count as permanent. */
export const FOREVER_REPEATS = 3;

/** Controller + message with numbers and hashes blanked, so the same failure in two runs compares equal. */
export function errorSignature(controllerId: string, message: string): string {
  return `${controllerId}|${message.replace(/[0-9a-f]{8,}/gi, "#").replace(/\d+/g, "#")}`;
}

interface Failure {
  signature: string;
  citation: Citation;
  stateKey: string;
}

/** The failure a path keeps repeating at its end (a reconcile that errors on every retry), if any. */
/**
 * A failed reconcile that can count as lasting: not the injected crash, and not a failure of a reconcile that read
 * stale data — a Conflict from a stale copy heals once the cache catches up, which a real informer always does.
 */
const isLastingFailure = (step: DumpStep): boolean =>
  !!step.error && !CRASH_ERROR.test(step.error) && (step.stalenessInfo ?? []).length === 0;

function repeatingFailure(path: readonly DumpStep[]): { k: number; step: DumpStep } | undefined {
  const counts = new Map<string, { n: number; k: number; step: DumpStep }>();
  for (let k = Math.floor(path.length / 2); k < path.length; k++) {
    const step = path[k] as DumpStep;
    if (!isLastingFailure(step)) continue;
    const sig = errorSignature(step.controllerId, step.error ?? "");
    const c = counts.get(sig);
    counts.set(sig, { n: (c?.n ?? 0) + 1, k, step });
  }
  const worst = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return worst && worst.n >= FOREVER_REPEATS ? { k: worst.k, step: worst.step } : undefined;
}

/**
 * A branch that ends with a failed reconcile still queued for retry and nothing changed since: the retry sees the
 * same world, so a deterministic controller fails the same way forever.
 */
function stillRetrying(s: TerminalState, path: readonly DumpStep[]): PendingRetry | undefined {
  return pendingRetries(s, path).find((r) => !r.changedAfter && isLastingFailure(r.step));
}

/**
 * Failures that never heal: a branch the engine aborted on an error, or a branch that hit max depth while one
 * controller kept failing the same way (it would fail forever), or a branch that stopped with a failed reconcile still
 * queued (retrying changes nothing). Injected crashes are the perturbation, not a failure; an error followed by a
 * successful retry healed (what the branch converged to is judged as an outcome, not as an error).
 */
export function neverHealingFailures(dumps: readonly LoadedDump[]): Failure[] {
  const out: Failure[] = [];
  for (const { id, dump } of dumps)
    for (const s of statesOf(dump)) {
      const outcome = outcomeOf(s);
      const stateKey = `${id}|${s.id}`;
      const path = pathsOf(s)[0] ?? [];
      if (outcome === "converged") {
        const stuck = stillRetrying(s, path);
        if (stuck)
          out.push({
            signature: errorSignature(stuck.step.controllerId, stuck.step.error ?? ""),
            citation: citeStep(
              id,
              s,
              0,
              stuck.k,
              `error that never heals (its retry changes nothing): ${stuck.step.error}`,
            ),
            stateKey,
          });
        continue;
      }
      if (outcome === "aborted" && !CRASH_ERROR.test(s.error ?? "")) {
        // Cite the last failing reconcile before the abort when there is one: it says who failed and how.
        const failing = path.map((x, i) => (x.error && !CRASH_ERROR.test(x.error) ? i : -1));
        const k = Math.max(-1, ...failing);
        const failed = k >= 0 ? (path[k] as DumpStep) : undefined;
        out.push({
          signature: errorSignature(failed?.controllerId ?? "engine", failed?.error ?? s.error ?? ""),
          citation: failed
            ? citeStep(id, s, 0, k, `error before the abort (${s.error}): ${failed.error}`)
            : citeTerminal(id, s, 0, `aborted: ${s.error}`),
          stateKey,
        });
        continue;
      }
      const r = repeatingFailure(path);
      if (r)
        out.push({
          signature: errorSignature(r.step.controllerId, r.step.error ?? ""),
          citation: citeStep(id, s, 0, r.k, `error that never heals: ${r.step.error}`),
          stateKey,
        });
    }
  return out;
}

/** A never-healing failure the reference does not show (a failure the reference has is a bug without any perturbation, judged from the reference). */
export function findErrorEvidence(
  exploration: readonly LoadedDump[],
  baseline: readonly LoadedDump[],
): Evidence | undefined {
  const known = new Set(neverHealingFailures(baseline).map((f) => f.signature));
  const fresh = neverHealingFailures(exploration).filter((f) => !known.has(f.signature));
  if (fresh.length === 0) return undefined;
  const bySignature = new Map<string, Citation>();
  for (const f of fresh) if (!bySignature.has(f.signature)) bySignature.set(f.signature, f.citation);
  const states = new Set(fresh.map((f) => f.stateKey));
  const n = outcomeCounts(exploration).total;
  const first = [...bySignature.values()][0] as Citation;
  return {
    kind: "error",
    citations: [...bySignature.values()].slice(0, 5),
    hitRate: { k: states.size, n: Math.max(n, states.size, 1) },
    reason:
      `${bySignature.size} failure(s) that never heal and the reference does not show, in ${states.size} of ${n} terminal states; first: ${first.controllerId || "engine"} ${first.note ?? ""}`.trim(),
    symptom: { kind: "error", invariants: [], objects: [] },
  };
}
