/** Canonical kinds and well-known labels of the kratix-lite model. */
export const WORK = "platform.kratix.io/Work";
export const PLACEMENT = "platform.kratix.io/WorkPlacement";
export const DESTINATION = "platform.kratix.io/Destination";
export const STATE_STORE = "platform.kratix.io/BucketStateStore";

export const WORK_LABEL = "kratix.io/work";

export type KratixVariant = "buggy" | "fixed";
