import {
  type Entry,
  type ObjectSet,
  type Pending,
  pendingId,
  shortenHash,
  type StateNode,
} from "../state/index.ts";

/**
 * kamera's hash family in its exact serialisation (spec §1.8, formats §2.6), computed at dump time only.
 * The search itself keys states by incremental fingerprints (state/node.ts); both agree on equality.
 */

const contentsMemo = new WeakMap<ObjectSet, string>();

function objectPart(e: Entry): string {
  return `${e.keyStr}:${e.objectId}=${e.hash}`;
}

/** ContentsHash: objects only, `;`-terminated, sorted by (group, kind, namespace, name, object id). */
export function contentsHash(objects: ObjectSet): string {
  let h = contentsMemo.get(objects);
  if (h === undefined) {
    h = shortenHash(
      objects
        .sorted()
        .map((e) => `${objectPart(e)};`)
        .join(""),
    );
    contentsMemo.set(objects, h);
  }
  return h;
}

function sortedPendingText(pending: readonly Pending[]): string {
  return pending.map(pendingId).sort().join(",");
}

/** NodeHash / StateHash: objects `,`-joined, `|`, pending sorted; `|pt:1` once PermuteAfterEvent fired. */
export function nodeHash(n: StateNode, permuteAfterConfigured: boolean): string {
  const objs = n.objects.sorted().map(objectPart).join(",");
  const pt = permuteAfterConfigured && n.permuteTriggered ? "|pt:1" : "";
  return shortenHash(`${objs}|${sortedPendingText(n.pending)}${pt}`);
}

/** OrderHash: as NodeHash with the pending queue in order. */
export function orderHash(n: StateNode): string {
  const objs = n.objects.sorted().map(objectPart).join(",");
  return shortenHash(`${objs}|${n.pending.map(pendingId).join(",")}`);
}
