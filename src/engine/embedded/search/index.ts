/** Search: DFS with completion markers and ordering permutation, Monte Carlo trials, counters. */
export { type Aborted, type SearchHooks, type SearchOutcome, SearchState } from "./context.ts";
export { exploreDfs } from "./dfs.ts";
export { exploreMonteCarlo } from "./monte-carlo.ts";
export { derivedSeed, Rng } from "./rng.ts";
export { emptyStats, type ExploreStats } from "./stats.ts";
