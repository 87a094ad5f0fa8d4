/** Engine state model: content-addressed versions, object sets, event log, stale views, pending work, nodes. */
export {
  cloneJson,
  deepFreeze,
  differsOnlyInTimestamps,
  jsonEqual,
  SCRUBBED_TIME,
  versionHashOf,
} from "./canonical.ts";
export { appendEvent, kindAsOf, removalsOf, type StateEvent, type WriteOp } from "./event-log.ts";
export { fnv1a63, fnv1a64, lanes32, shortenHash } from "./fnv.ts";
export {
  cmp,
  compareEntries,
  type Entry,
  keyStrOf,
  kindOfObject,
  makeEntry,
  requestOf,
  splitKind,
} from "./keys.ts";
export {
  type History,
  type KeyConfig,
  type KindSeq,
  nodeKey,
  idleBlindOrderKey,
  orderKey,
  type RestartPhase,
  type StateNode,
  stuckSignature,
  withChanges,
} from "./node.ts";
export { ObjectSet } from "./object-set.ts";
export {
  comparePending,
  dedupSorted,
  isIgnorable,
  isQuiescent,
  isReady,
  makePending,
  mergePending,
  nextDeferredDepth,
  type Pending,
  pendingId,
  samePending,
} from "./pending.ts";
export type { EffectRecord, ObservationRecord, StaleRead, StepRecord } from "./step-record.ts";
export { deterministicUid, derivedUuid } from "./uid.ts";
export { VersionStore } from "./version-store.ts";
export { staleView, trueView, type View } from "./view.ts";
