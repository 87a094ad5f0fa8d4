import { ApiError, type KubeObj } from "../api.ts";
import { type Entry, keyStrOf, kindOfObject, type ObjectSet } from "../state/index.ts";
import { isBuiltinKind } from "./builtin-kinds.ts";

/** The API server's per-write checks, apart from the frame that applies the writes. */

/** Canonical kind, namespace, name and key of a written object (Invalid without apiVersion/kind/name). */
export function identify(controllerId: string, obj: KubeObj) {
  const kind = kindOfObject(obj);
  const name = obj?.metadata?.name;
  if (typeof name !== "string" || name === "" || kind.endsWith("/")) {
    throw new ApiError("Invalid", `${controllerId}: object needs apiVersion, kind and metadata.name`);
  }
  const ns = obj.metadata.namespace ?? "";
  return { kind, ns, name, keyStr: keyStrOf(kind, ns, name) };
}

/**
 * Optimistic locking of an update (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions,
 * and the API conventions' "Concurrency Control and Consistency"): Conflict when the resourceVersion is not the
 * live one. Without one, a built-in kind takes the write unconditionally (no precondition) and a custom resource
 * answers Invalid, as the API server's REST strategies do (builtin-kinds.ts).
 */
export function checkRv(obj: KubeObj, cur: Entry): { resourceVersion: string } | undefined {
  const rv = obj.metadata.resourceVersion;
  if (rv === undefined || rv === "") {
    if (isBuiltinKind(cur.kind)) return undefined;
    throw new ApiError(
      "Invalid",
      `${cur.keyStr}: metadata.resourceVersion must be specified for an update (custom resources allow no unconditional update)`,
    );
  }
  return checkRvMatches(rv, cur);
}

/**
 * A patch whose body carries metadata.resourceVersion is conditional on it (controller-runtime's
 * MergeFromWithOptimisticLock); without one it applies to whatever is live (client.MergeFrom).
 */
export function checkPatchRv(obj: KubeObj, cur: Entry): { resourceVersion: string } | undefined {
  const rv = obj.metadata?.resourceVersion;
  return rv === undefined || rv === "" ? undefined : checkRvMatches(rv, cur);
}

function checkRvMatches(rv: string, cur: Entry): { resourceVersion: string } {
  if (rv !== String(cur.rv)) {
    throw new ApiError(
      "Conflict",
      `Operation cannot be fulfilled on ${cur.keyStr}: the object has been modified (resourceVersion ${rv}, current ${cur.rv})`,
    );
  }
  return { resourceVersion: rv };
}

/** Owner references written without a UID get the live owner's UID (authors cannot know UIDs either). */
export function fillOwnerUids(objects: ObjectSet, content: Record<string, unknown>, ns: string): void {
  const refs = (content.metadata as KubeObj["metadata"] | undefined)?.ownerReferences;
  if (!Array.isArray(refs)) return;
  for (const ref of refs) {
    if (ref.uid) continue;
    const kind = kindOfObject(ref);
    const owner =
      objects.get(kind, keyStrOf(kind, ns, ref.name)) ?? objects.get(kind, keyStrOf(kind, "", ref.name));
    if (owner) ref.uid = owner.objectId;
  }
}
