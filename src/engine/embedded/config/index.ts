export { DEFAULT_MAX_DEPTH, type ResolveOptions, resolveConfig, withoutPerturbations } from "./resolve.ts";
export {
  type ActionOp,
  ALL_OPTIMIZATIONS,
  type ExploreConfig,
  NO_OPTIMIZATIONS,
  type Optimizations,
  type SearchConfig,
  type UserAction,
} from "./types.ts";
