/** Engines behind one interface (types.ts): the embedded TypeScript engine and the kamera adapter. */
export * from "./embedded/index.ts";
export type { Engine, EngineEvent, RunOptions } from "./types.ts";
export { type KameraEngineOptions, kameraEngine } from "./kamera/index.ts";

import { type Clock, discoverProject } from "../workspace/index.ts";
import { embeddedEngine } from "./embedded/index.ts";
import { kameraEngine } from "./kamera/index.ts";
import type { Engine } from "./types.ts";

/** The engine for a project: kamera for a project.json target, embedded for project.ts (or a path to a .ts file). */
export function engineFor(root: string, project: string, opts: { clock?: Clock } = {}): Engine {
  if (project.endsWith(".ts")) return embeddedEngine(root, opts);
  return discoverProject(root, project).kind === "kamera"
    ? kameraEngine(root, opts)
    : embeddedEngine(root, opts);
}
