export { formatBatchProblems } from "./batch-text.ts";
export { formatDiff } from "./diff-text.ts";
export { formatKameraDiff } from "./kamera-diff-text.ts";
export { formatKindSeq } from "./kindseq-text.ts";
export { formatMetrics } from "./metrics-text.ts";
export { formatPaths } from "./paths-text.ts";
export { formatStates } from "./states-text.ts";
