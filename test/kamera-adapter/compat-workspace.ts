import fs from "node:fs";
import path from "node:path";
import { kameraEngine } from "../../src/engine/kamera/index.ts";
import type { RunRecord } from "../../src/formats/run-record.ts";
import { kameraWorkspace } from "./workspace.ts";

/** harness/compat: kamera's harness CLI with ctrlhunt's embedded engine underneath. */
export const COMPAT = path.resolve(import.meta.dirname, "../../harness/compat/ctrlhunt-harness.js");
/** Two controllers racing to create one ConfigMap (fixtures/race-project). */
export const RACE = path.join(import.meta.dirname, "fixtures", "race-project");

/** A workspace whose kamera project runs the compat harness on the race project. */
export function compatWorkspace() {
  const w = kameraWorkspace({ command: [COMPAT], env: { CTRLHUNT_HARNESS_PROJECT: RACE } });
  fs.copyFileSync(path.join(RACE, "scenarios", "race.json"), w.scenario);
  const engine = kameraEngine(w.root);
  return {
    ...w,
    run: (mode: RunRecord["mode"], id: string, scenarioNames?: string[]) =>
      engine.run({ project: "fake", scenarioFile: w.scenario, mode, outDir: w.runDir(id), scenarioNames }),
    readDump: (rel: string) => JSON.parse(fs.readFileSync(path.join(w.root, rel), "utf8")),
  };
}
