import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  exploreContained,
  exploreScenario,
  loadEmbeddedProject,
  type ProjectDefinition,
  projectSourceFile,
} from "../engine/index.ts";
import { kameraEngine } from "../engine/kamera/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import { Dump } from "../formats/dump.ts";
import { parseJsonText } from "../formats/json-text.ts";
import type { KubeObject, Scenario } from "../formats/workflow.ts";
import { serializeWorkflow } from "../formats/workflow-io.ts";
import { discoverProject } from "../workspace/index.ts";
import type { AuthorAccess } from "./author/run-author.ts";
import type { EmbeddedAccess } from "./map/run-map.ts";

/**
 * I/O edge between the phases and the engines: reference runs for map (observed writes) and author
 * (calibration), through the embedded engine or a project's kamera harness.
 */

/** How long and until when phases may run the engine (hunt passes its --timeout and interrupt). */
export interface AccessLimits {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Reference runs of embedded projects through the embedded engine: a loaded project.ts runs on the run host, where a
 * reconcile that never returns is stopped and named; a definition built in memory runs in this thread.
 */
export function embeddedAccess(opts: AccessLimits = {}): EmbeddedAccess {
  return {
    load: (file) => loadEmbeddedProject(file),
    reference: async (def, scenario) => {
      const run = { mode: "reference" as const, timeoutMs: opts.timeoutMs ?? 60_000 };
      const file = projectSourceFile(def);
      const outs = file
        ? (
            await exploreContained(file, scenario, {
              ...run,
              ...(opts.signal ? { signal: opts.signal } : {}),
            })
          ).outputs
        : await exploreScenario(def, scenario, run);
      return outs.map((o) => Dump.parse(o.dump));
    },
  };
}

/** Reference runs through a kamera harness: the scenario goes to a temp file, the dumps come back parsed. */
function kameraReference(root: string, project: string, timeoutMs: number) {
  return async (scenario: Scenario): Promise<Dump[]> => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-ref-"));
    try {
      const scenarioFile = path.join(tmp, "scenario.json");
      fs.writeFileSync(scenarioFile, serializeWorkflow([scenario]));
      const rec = await kameraEngine(root).run({
        project,
        scenarioFile,
        mode: "reference",
        outDir: path.join(tmp, "out"),
        timeoutMs,
      });
      if (rec.status === "failed")
        throw new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", rec.error ?? "harness failed");
      return rec.dumps.map((d) => {
        const file = path.resolve(root, d);
        return Dump.parse(parseJsonText(fs.readFileSync(file, "utf8"), file));
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  };
}

/** What author needs from a workspace project: example objects and reference traces. */
export function authorAccess(root: string, project: string, opts: AccessLimits = {}): AuthorAccess {
  const found = discoverProject(root, project);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  if (found.kind === "kamera")
    return { examples: async () => [], reference: kameraReference(root, project, timeoutMs) };
  const access = embeddedAccess({ ...opts, timeoutMs });
  let def: Promise<ProjectDefinition> | undefined;
  const load = () => {
    def ??= access.load(found.definitionFile);
    return def;
  };
  return {
    examples: async () => ((await load()).examples ?? []) as KubeObject[],
    reference: async (scenario) => access.reference(await load(), scenario),
  };
}
