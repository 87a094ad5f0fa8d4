import { engineFor } from "../../engine/index.ts";
import type { EngineEvent } from "../../engine/types.ts";
import type { HypothesisEnv } from "../../hypotheses/index.ts";
import type { ToolEnv } from "./tool.ts";

function eventText(e: EngineEvent): string {
  switch (e.type) {
    case "phase-start":
      return `${e.scenario}: ${e.phase} started`;
    case "progress":
      return `${e.scenario}: ${e.phase}: ${e.visits} states, ${e.converged} converged, ${e.aborted} aborted`;
    case "trial-done":
      return `${e.scenario}: trial ${e.trial}/${e.trials} done`;
    case "phase-end":
      return `${e.scenario}: ${e.phase} done`;
  }
}

/**
 * What run tools hand the hypotheses layer: the tool env's engines, with its cancellation signal and progress
 * reporting threaded into every engine run (so a cancelled tool call stops exploring).
 */
export function hypothesisEnv(env: ToolEnv): HypothesisEnv {
  const base = env.engineFor ?? ((p: string) => engineFor(env.root, p, { clock: env.store.clock }));
  if (!env.signal && !env.progress) return { root: env.root, store: env.store, engineFor: base };
  return {
    root: env.root,
    store: env.store,
    engineFor: (project) => {
      const engine = base(project);
      return {
        name: engine.name,
        run: (o) =>
          engine.run({
            ...o,
            ...(env.signal || o.signal ? { signal: o.signal ?? env.signal } : {}),
            onEvent: (e) => {
              o.onEvent?.(e);
              env.progress?.(eventText(e));
            },
          }),
      };
    },
  };
}
