import { z } from "zod";
import { Citation } from "./citation.ts";
import type { Dump, DumpPendingReconcile, DumpStep } from "./dump.ts";

/**
 * Reconcile errors a run's traces show (a controller threw or returned an error): kept in run.json so the run
 * summary and ANALYSIS.md can show them without re-reading dumps. Injected crashes are perturbations, not errors.
 */
export const ReconcileError = z.looseObject({
  controllerId: z.string(),
  request: z.string().optional().describe("namespace/name the reconcile was for, when the trace tells"),
  message: z.string(),
  occurrences: z.number().int().min(1).describe("error steps with this controller, request and message"),
  citation: Citation.describe("the first such step"),
});
export type ReconcileError = z.infer<typeof ReconcileError>;

const INJECTED_CRASH = "fault injection: simulated controller crash";

const requestOf = (p: DumpPendingReconcile) => (p.namespace ? `${p.namespace}/${p.name}` : p.name);

/**
 * The request an error step reconciled, from the pending lists around it (the dump does not name it): the only
 * pending entry of its controller before the step, else the one entry whose removal (and requeue at the back)
 * turns the list before into the list after; undefined when that is ambiguous.
 */
function requestOfErrorStep(path: readonly DumpStep[], i: number): string | undefined {
  const id = path[i].controllerId;
  const own = (list: readonly DumpPendingReconcile[] | undefined) =>
    (list ?? []).filter((p) => p.reconcilerId === id).map(requestOf);
  const before = own(i > 0 ? path[i - 1].pendingReconciles : []);
  if (new Set(before).size === 1) return before[0];
  const after = own(path[i].pendingReconciles).join("\u0000");
  const fits = [...new Set(before)].filter((x) => {
    const rest = before.filter((_, k) => k !== before.indexOf(x));
    return rest.join("\u0000") === after || [...rest, x].join("\u0000") === after;
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/** Every distinct (controller, request, message) error in `dumps`, first citation and count each, in trace order. */
export function collectReconcileErrors(dumps: ReadonlyArray<{ file: string; dump: Dump }>): ReconcileError[] {
  const byKey = new Map<string, ReconcileError>();
  for (const { file, dump } of dumps)
    for (const state of dump.states ?? [])
      (state.paths ?? []).forEach((path, pathIndex) => {
        (path ?? []).forEach((step, stepIndex, steps) => {
          const message = step.error?.trim();
          if (!message || message === INJECTED_CRASH) return;
          const request = requestOfErrorStep(steps, stepIndex);
          const key = `${step.controllerId}\u0000${request ?? ""}\u0000${message}`;
          const seen = byKey.get(key);
          if (seen) {
            seen.occurrences++;
            return;
          }
          byKey.set(key, {
            controllerId: step.controllerId,
            ...(request ? { request } : {}),
            message,
            occurrences: 1,
            citation: {
              dump: file,
              stateId: state.id,
              pathIndex,
              stepIndex,
              controllerId: step.controllerId,
              contentsHash: step.contentsHashAfter ?? "",
            },
          });
        });
      });
  return [...byKey.values()];
}

/** One line per error: `Controller on ns/name: message (×n) [dump state path step]`. */
export function formatReconcileError(e: ReconcileError): string {
  const c = e.citation;
  const on = e.request ? ` on ${e.request}` : "";
  const times = e.occurrences > 1 ? ` (×${e.occurrences})` : "";
  return `${e.controllerId}${on}: ${e.message}${times} [${c.dump} ${c.stateId} path ${c.pathIndex} step ${c.stepIndex}]`;
}
