import type { Dump, DumpResultState, DumpStep, Effect } from "../formats/dump.ts";
import { contentsHash } from "./contents-hash.ts";

/** Small, named questions every analysis asks of a canonical dump (kamera-formats §2.4–2.6). */

export type TerminalState = DumpResultState;
export type Outcome = "converged" | "max-depth" | "aborted";

export const statesOf = (d: Dump): TerminalState[] => d.states ?? [];
export const pathsOf = (s: TerminalState): DumpStep[][] => (s.paths ?? []).map((p) => p ?? []);
export const terminalObjects = (s: TerminalState) => s.state.contents.objects ?? [];
export const effectsOf = (step: DumpStep): Effect[] => step.changes?.effects ?? [];

/** Empty or missing `error` ⇒ converged; "max depth" in it ⇒ max-depth aborted; anything else ⇒ aborted. */
export function outcomeOf(s: TerminalState): Outcome {
  const err = (s.error ?? "").trim();
  if (err === "") return "converged";
  return /max depth/i.test(err) ? "max-depth" : "aborted";
}

/** GET/LIST (and INIT in traces) are reads; everything else changes the state. */
export function isWriteEffect(e: Effect): boolean {
  return !["GET", "LIST", "INIT"].includes(e.OpType.toUpperCase());
}

export const writesOf = (step: DumpStep): Effect[] => effectsOf(step).filter(isWriteEffect);

/** ContentsHash after a step: the dumped value, else recomputed from `stateAfter`. */
export function stepContentsHash(step: DumpStep): string | undefined {
  if (step.contentsHashAfter) return step.contentsHashAfter;
  return step.stateAfter ? contentsHash(step.stateAfter) : undefined;
}

/** A terminal state's hash as kamera reads it: last step of path 0, else computed from the terminal objects. */
export function terminalHash(s: TerminalState): string {
  const path0 = pathsOf(s)[0] ?? [];
  const last = path0[path0.length - 1];
  return (last && stepContentsHash(last)) || contentsHash(terminalObjects(s));
}

export const attributesOf = (d: Dump): Record<string, string> => d.context?.scenario?.attributes ?? {};
export const invocationOf = (d: Dump): string | undefined => attributesOf(d).invocation_id || undefined;
export const phaseOf = (d: Dump): string => attributesOf(d).phase || "";
export const scenarioOf = (d: Dump): string => d.context?.scenario?.name ?? "";
export const isErrorDump = (d: Dump): boolean => (attributesOf(d).status ?? "").toLowerCase() === "error";

/** Exploration depth before a step: its index (kamera dumps carry no depth; it can jump, see formats §2.5). */
export const depthBefore = (stepIndex: number): number => stepIndex;

/** `userAction.index` of an External User step, if any. */
export function userActionIndex(step: DumpStep): number | undefined {
  const v = step.stepMetadata?.["userAction.index"];
  return v === undefined ? undefined : Number.parseInt(v, 10);
}
