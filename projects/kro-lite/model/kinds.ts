/** Canonical kinds (group/Kind) and well-known keys of the kro-lite model. */
export const RGD = "kro.run/ResourceGraphDefinition";
export const APPLICATION = "kro.run/Application";
export const DEPLOYMENT = "apps/Deployment";
export const SERVICE = "core/Service";
export const INGRESS = "networking.k8s.io/Ingress";

/** Instance label naming the ResourceGraphDefinition that serves it (kro sets this on instances). */
export const RGD_LABEL = "kro.run/resource-graph-definition-name";
/** ApplySet-style membership record on the instance: child id → {kind, name, hash}. */
export const MEMBERS_ANNOTATION = "applyset.kro.run/members";
/** Label on every child naming the instance's applyset. */
export const PART_OF_LABEL = "applyset.kubernetes.io/part-of";

/** Requeue while the graph is not Active yet (kro's instance controller starts only then). */
export const WAIT_FOR_GRAPH_MS = 60 * 60 * 1000;
