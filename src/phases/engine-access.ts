import type { ProjectDefinition } from "../engine/embedded/api.ts";
import { CtrlhuntError } from "../errors/index.ts";
import { Dump } from "../formats/dump.ts";
import type { Scenario } from "../formats/workflow.ts";
import type { EmbeddedAccess } from "./map/run-map.ts";

/** The embedded engine's documented API (src/engine/index.ts), as the phases use it. */
interface EngineApi {
  loadEmbeddedProject(file: string): Promise<ProjectDefinition>;
  exploreScenario(
    project: ProjectDefinition,
    scenario: Scenario,
    opts: { mode: "reference" | "exploration" | "closed-loop"; maxDepth?: number; timeoutMs?: number },
  ): Promise<Array<{ fileName: string; phase: string; dump: unknown }>>;
}

// Resolved at run time so this room does not break while the engine module is being written.
const ENGINE_MODULE = "../engine/index.ts";

async function engine(): Promise<EngineApi> {
  try {
    return (await import(ENGINE_MODULE)) as EngineApi;
  } catch (e) {
    throw new CtrlhuntError("CTRLHUNT_UNSUPPORTED", `embedded engine not available: ${(e as Error).message}`);
  }
}

/** Reference runs of embedded projects through the embedded engine. */
export function embeddedAccess(opts: { timeoutMs?: number } = {}): EmbeddedAccess {
  return {
    load: async (file) => (await engine()).loadEmbeddedProject(file),
    reference: async (def, scenario) => {
      const outs = await (await engine()).exploreScenario(def, scenario, {
        mode: "reference",
        timeoutMs: opts.timeoutMs ?? 60_000,
      });
      return outs.map((o) => Dump.parse(o.dump));
    },
  };
}
