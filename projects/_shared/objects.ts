import type { KubeObj, Request } from "ctrlhunt";

/** The reconcile request that names an object (cluster-scoped objects have namespace ""). */
export function keyOf(obj: KubeObj): Request {
  return { namespace: obj.metadata.namespace ?? "", name: obj.metadata.name };
}

export function keyString(obj: KubeObj): string {
  const { namespace, name } = keyOf(obj);
  return namespace ? `${namespace}/${name}` : name;
}

/** A controller owner reference to `owner` (its UID comes from the engine, so it must be read, not guessed). */
export function controllerRef(owner: KubeObj): NonNullable<KubeObj["metadata"]["ownerReferences"]>[number] {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
  };
}

/** Status as a record (objects carry `status: unknown` in the controller API). */
export function statusOf(obj: KubeObj | null | undefined): Record<string, unknown> {
  const s = obj?.status;
  return s && typeof s === "object" ? (s as Record<string, unknown>) : {};
}

export function specOf(obj: KubeObj | null | undefined): Record<string, unknown> {
  const s = obj?.spec;
  return s && typeof s === "object" ? (s as Record<string, unknown>) : {};
}

export function isDeleting(obj: KubeObj | null | undefined): boolean {
  return Boolean(obj?.metadata.deletionTimestamp);
}
