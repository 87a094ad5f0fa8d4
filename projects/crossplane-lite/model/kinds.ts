/** Canonical kinds and well-known labels of the crossplane-lite model. */
export const COMPOSITION = "apiextensions.crossplane.io/Composition";
export const REVISION = "apiextensions.crossplane.io/CompositionRevision";
export const FUNCTION = "pkg.crossplane.io/Function";
export const XR = "example.org/XWidget";
export const NOP = "nop.crossplane.io/NopResource";

export const COMPOSITION_NAME_LABEL = "crossplane.io/composition-name";
export const COMPOSITION_HASH_LABEL = "crossplane.io/composition-hash";
export const COMPOSITE_LABEL = "crossplane.io/composite";

/** How long the XR waits before looking for a usable revision again (crossplane's poll interval). */
export const POLL_MS = 60 * 60 * 1000;
