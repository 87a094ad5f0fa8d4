import type { CampaignPlace } from "./layout.ts";

/**
 * A campaign's output when it is not a shared folder: a flat key space whose keys are the folder layout's relative
 * paths (`campaign.json`, `shards/<i>/shard.json`, `shards/<i>/dumps/<name>`). The campaign core never talks to one
 * directly: sync.ts mirrors between a store and a local folder, and the folder checks run unchanged on the mirror.
 * bucket.ts implements it on S3; tests use a map. A failing store throws a CtrlhuntError naming the place and key.
 */
export interface ObjectStore {
  readonly place: CampaignPlace;
  /** Every key that starts with `prefix`, relative to the campaign's root, in any order. */
  list(prefix: string): Promise<string[]>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array): Promise<void>;
  /** Deleting a key that is not there is not an error (S3's own rule). */
  delete(key: string): Promise<void>;
}
