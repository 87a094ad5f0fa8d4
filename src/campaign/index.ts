/**
 * Campaigns: one exploration and/or hypothesis variants cut into a deterministic list of units (scenario × phase ×
 * trial range, or one variant run), run as N shards anywhere (local processes, or the pods of a Kubernetes Indexed
 * Job), then verified and recorded in the evidence ledger as if run locally, variants judged as `hypothesis run`
 * judges them. No scheduler of its own: Kubernetes runs the shards. The output is a folder (a ReadWriteMany volume
 * in a cluster) or an S3-compatible bucket, mirrored to a folder by sync.ts.
 */
export { type BucketOptions, bucketPlace, openBucket, parseBucketUrl } from "./bucket.ts";
export { type Collected, type CollectOptions, collectCampaign } from "./collect.ts";
export {
  campaignSubject,
  formatCheck,
  formatCollected,
  formatManifest,
  formatPlan,
  formatShard,
} from "./format.ts";
export { type HypothesisSelector, parseHypothesisSelector, selectHypotheses } from "./hypothesis-plan.ts";
export { dockerfile, type JobOptions, jobManifest, jobName } from "./k8s.ts";
export {
  type CampaignPlace,
  campaignFile,
  folderPlace,
  readCampaign,
  shardDir,
  shardRecordFile,
} from "./layout.ts";
export { type PlanDeps, type PlanRequest, planCampaign, writeCampaign } from "./plan.ts";
export { type RunShardOptions, runShard, shardIndexFrom } from "./run-shard.ts";
export type { ObjectStore } from "./store.ts";
export {
  collectStore,
  fetchPlan,
  pullCampaign,
  pullPlan,
  pushShard,
  putPlan,
  runShardToStore,
  verifyStore,
} from "./sync.ts";
export { cutUnits, hypothesisUnits, isHypothesisUnit, shardUnits } from "./units.ts";
export { type CampaignCheck, type ShardCheck, verifyCampaign } from "./verify.ts";
