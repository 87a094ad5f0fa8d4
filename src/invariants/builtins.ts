import type { KubeObj } from "../formats/kube-object.ts";
import type { Invariant, ObjectRef, TerminalView, Violation } from "./types.ts";

/**
 * Invariants every owner of a controller would sign: at convergence nothing is stuck terminating, and no object
 * is left behind by its controller owner. A project turns one off by name (`disableBuiltins`).
 */

const refOf = (o: { ref: ObjectRef }) => o.ref;
const describe = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;

/** `apps/v1` + `Deployment` → `apps/Deployment`; `v1` + `Pod` → `core/Pod`. */
export function canonicalOwnerKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  return `${slash < 0 ? "core" : apiVersion.slice(0, slash)}/${kind}`;
}

export const STUCK_TERMINATING = "no object stuck terminating at convergence";
export const ORPHANED_CHILD = "no controlled object outlives its owner";

/**
 * Finalizers of Kubernetes' own controllers (pvc-protection, foregroundDeletion, …): a model does not run those
 * controllers, so an object held only by them is not stuck because of the project's code.
 */
export const isPlatformFinalizer = (f: string): boolean =>
  f === "foregroundDeletion" || f === "orphan" || /(^|\.)kubernetes\.io\//.test(f);

const stuckTerminating: Invariant = {
  name: STUCK_TERMINATING,
  description:
    "An object that still carries metadata.deletionTimestamp when nothing is left to reconcile will never be removed: a finalizer nobody drops (Kubernetes' own finalizers, whose controllers a model does not run, are left out).",
  check(state: TerminalView): Violation[] {
    return state.objects
      .filter((o) => typeof o.object.metadata?.deletionTimestamp === "string")
      .filter((o) => (o.object.metadata.finalizers ?? []).some((f) => !isPlatformFinalizer(f)))
      .map((o) => ({
        message: `${describe(o.ref)} is still terminating (finalizers: ${(o.object.metadata.finalizers ?? []).join(", ") || "none"})`,
        objects: [refOf(o)],
      }));
  },
};

function ownerPresent(
  state: TerminalView,
  child: ObjectRef,
  owner: NonNullable<KubeObj["metadata"]["ownerReferences"]>[number],
): boolean {
  const kind = canonicalOwnerKind(owner.apiVersion, owner.kind);
  // A namespaced child's owner lives in its namespace (or is cluster-scoped); the API server never crosses namespaces.
  const found = state.get(kind, owner.name, child.namespace) ?? state.get(kind, owner.name, "");
  if (!found) return false;
  return !owner.uid || !found.metadata.uid || owner.uid === found.metadata.uid;
}

const orphanedChild: Invariant = {
  name: ORPHANED_CHILD,
  description:
    "An object whose controller ownerReference names an owner that no longer exists (or was re-created with another UID) is garbage the controller leaked.",
  check(state: TerminalView): Violation[] {
    const out: Violation[] = [];
    for (const o of state.objects) {
      const owner = (o.object.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
      if (!owner || ownerPresent(state, o.ref, owner)) continue;
      const ownerRef: ObjectRef = {
        kind: canonicalOwnerKind(owner.apiVersion, owner.kind),
        namespace: o.ref.namespace,
        name: owner.name,
      };
      out.push({
        message: `${describe(o.ref)} is controlled by ${describe(ownerRef)}, which is gone`,
        objects: [o.ref, ownerRef],
      });
    }
    return out;
  },
};

export const BUILTIN_INVARIANTS: readonly Invariant[] = [stuckTerminating, orphanedChild];
