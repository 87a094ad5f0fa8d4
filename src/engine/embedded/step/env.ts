import type { ExploreConfig } from "../config/index.ts";
import type { KeyConfig, VersionStore } from "../state/index.ts";
import type { Registry } from "./registry.ts";

/** Everything a step needs besides the node: the resolved config, trigger tables and the version store. */
export interface StepEnv {
  readonly cfg: ExploreConfig;
  readonly reg: Registry;
  readonly store: VersionStore;
  readonly keyCfg: KeyConfig;
}
