import type { KubeObj } from "../formats/kube-object.ts";
import type { Dump, DumpResultState } from "../formats/dump.ts";
import { keyKind } from "../formats/dump.ts";
import type { ObjectRef, TerminalView } from "./types.ts";

const refKey = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

/** A view over objects given as JSON (sorted; the same objects in any order give the same view). */
export function viewOf(objects: ReadonlyArray<{ ref: ObjectRef; object: KubeObj }>): TerminalView {
  const sorted = [...objects].sort((a, b) => {
    const ka = refKey(a.ref.kind, a.ref.namespace, a.ref.name);
    const kb = refKey(b.ref.kind, b.ref.namespace, b.ref.name);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const byKey = new Map(sorted.map((o) => [refKey(o.ref.kind, o.ref.namespace, o.ref.name), o.object]));
  return {
    objects: sorted,
    get: (kind, name, namespace = "") => structuredClone(byKey.get(refKey(kind, namespace, name)) ?? null),
    list: (kind, opts = {}) =>
      sorted
        .filter((o) => o.ref.kind === kind)
        .filter((o) => opts.namespace === undefined || o.ref.namespace === opts.namespace)
        .filter((o) =>
          Object.entries(opts.labels ?? {}).every(([k, v]) => o.object.metadata?.labels?.[k] === v),
        )
        .map((o) => structuredClone(o.object)),
  };
}

/**
 * The view of a dump's terminal state: object keys from the state, content from the dump's objects table.
 * Objects whose content the dump lacks are left out and counted (an invariant cannot judge what it cannot see).
 */
export function terminalView(dump: Dump, s: DumpResultState): { view: TerminalView; unresolved: number } {
  const table = new Map((dump.objects ?? []).map((o) => [o.hash.Value, o.object as KubeObj]));
  const objects: Array<{ ref: ObjectRef; object: KubeObj }> = [];
  let unresolved = 0;
  for (const ov of s.state.contents.objects ?? []) {
    const object = table.get(ov.hash.Value);
    if (object === undefined) {
      unresolved++;
      continue;
    }
    objects.push({
      ref: { kind: keyKind(ov.key), namespace: ov.key.namespace ?? "", name: ov.key.name ?? "" },
      object,
    });
  }
  return { view: viewOf(objects), unresolved };
}
