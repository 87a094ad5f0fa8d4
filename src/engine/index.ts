/** Engines behind one interface (types.ts): the embedded TypeScript engine and the kamera adapter. */
export * from "./embedded/index.ts";
export type { Engine, EngineEvent, RunOptions } from "./types.ts";
