import type { DumpObjectVersion, DumpStep } from "../formats/dump.ts";
import { contentsKeyString } from "./contents-hash.ts";
import { writesOf } from "./dump-model.ts";

/**
 * Who last wrote an object on a path (kamera's lastwrite rule, formats §3.2): walking back from the end, the last
 * step whose stateAfter holds the final hash and whose stateBefore lacked it or held another hash. Steps without
 * stateBefore/After fall back to the step's write effects. Objects missing at the end get the step that removed them.
 */

export type LastWriteKind = "write" | "removed" | "seeded" | "never-present";

export interface LastWrite {
  kind: LastWriteKind;
  /** -1 when no step on the path wrote (or removed) the object. */
  stepIndex: number;
  controllerId: string;
}

const find = (objects: ReadonlyArray<DumpObjectVersion> | undefined, key: string) =>
  objects?.find((ov) => contentsKeyString(ov.key) === key);

function writesKey(step: DumpStep, key: string, hash?: string): boolean {
  return writesOf(step).some(
    (e) => contentsKeyString(e.Key) === key && (hash === undefined || e.Version?.Value === hash),
  );
}

/** `key` is contentsKeyString(key); `finalHash` undefined means the object is absent from the terminal state. */
export function lastWrite(
  path: ReadonlyArray<DumpStep>,
  key: string,
  finalHash: string | undefined,
): LastWrite {
  for (let k = path.length - 1; k >= 0; k--) {
    const step = path[k];
    const hasStates = step.stateAfter !== undefined;
    const after = find(step.stateAfter, key);
    const before = find(step.stateBefore, key);
    if (finalHash !== undefined) {
      const wrote = hasStates
        ? after?.hash.Value === finalHash && before?.hash.Value !== finalHash
        : writesKey(step, key, finalHash);
      if (wrote) return { kind: "write", stepIndex: k, controllerId: step.controllerId };
    } else {
      const removed = hasStates
        ? before !== undefined && after === undefined
        : writesOf(step).some((e) => contentsKeyString(e.Key) === key && e.OpType.toUpperCase() === "REMOVE");
      if (removed) return { kind: "removed", stepIndex: k, controllerId: step.controllerId };
    }
  }
  // Present at the end with no write on the path: it was seeded that way; absent with no removal: never there.
  return { kind: finalHash === undefined ? "never-present" : "seeded", stepIndex: -1, controllerId: "" };
}
