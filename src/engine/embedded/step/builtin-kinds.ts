import { splitKind } from "../state/index.ts";

/**
 * API groups the kube-apiserver serves from its own registry (not CustomResourceDefinitions). Their REST
 * strategies allow an unconditional update — a PUT with no resourceVersion — while a custom resource's strategy
 * does not (k8s.io/apiextensions-apiserver/pkg/registry/customresource/strategy.go: AllowUnconditionalUpdate
 * returns false; k8s.io/apiserver/pkg/registry/generic/registry/store.go answers Invalid "metadata.resourceVersion:
 * must be specified for an update"). Left out on purpose: apiextensions.k8s.io and apiregistration.k8s.io, whose
 * strategies refuse unconditional updates too, and the create-only review groups.
 */
export const BUILTIN_API_GROUPS: ReadonlySet<string> = new Set([
  "core",
  "apps",
  "batch",
  "autoscaling",
  "policy",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "node.k8s.io",
  "events.k8s.io",
  "certificates.k8s.io",
  "admissionregistration.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "resource.k8s.io",
  "storagemigration.k8s.io",
  "internal.apiserver.k8s.io",
]);

/** Is a canonical kind (`group/Kind`) served by the kube-apiserver itself rather than by a CRD? */
export function isBuiltinKind(kind: string): boolean {
  const { group } = splitKind(kind);
  return BUILTIN_API_GROUPS.has(group === "" ? "core" : group);
}
