import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exploreScenario, loadEmbeddedProject } from "../../src/engine/index.ts";
import { annotationOf } from "../../src/formats/scenario-annotation.ts";
import { parseWorkflowText } from "../../src/formats/workflow-io.ts";
import { type AuthorResult, authorScenarios } from "../../src/phases/author/index.ts";
import { authorAccess, embeddedAccess } from "../../src/phases/engine-access.ts";
import { type MapResult, mapProject } from "../../src/phases/map/index.ts";
import { runCli } from "../helpers/run-cli.ts";

// Bundled projects import "ctrlhunt", which resolves only inside this package: the workspace lives under it.
const repo = path.resolve(import.meta.dirname, "../..");
let root: string;

beforeAll(() => {
  fs.mkdirSync(path.join(repo, ".ctrlhunt-tmp"), { recursive: true });
  root = fs.mkdtempSync(path.join(repo, ".ctrlhunt-tmp", "phases-"));
  for (const p of ["kro-lite", "_shared"])
    fs.cpSync(path.join(repo, "projects", p), path.join(root, "projects", p), { recursive: true });
  fs.mkdirSync(path.join(root, "evidence"));
  fs.mkdirSync(path.join(root, "hypotheses"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("map and author a bundled embedded project through the real engine", () => {
  let map: MapResult;
  let authored: AuthorResult;
  beforeAll(async () => {
    map = await mapProject({ root, project: "kro-lite", embedded: embeddedAccess() });
    authored = await authorScenarios({ root, project: "kro-lite", access: authorAccess(root, "kro-lite") });
  }, 120_000);

  it("maps definitions exactly and observes the writes of the reference run", async () => {
    const def = await loadEmbeddedProject(path.join(root, "projects/kro-lite/project.ts"));
    expect(map.map.controllers.map((c) => c.id)).toEqual(def.controllers.map((c) => c.id).sort());
    for (const c of def.controllers) {
      const m = map.map.controllers.find((x) => x.id === c.id);
      expect(m?.for).toBe(c.for);
      expect(m?.owns).toEqual(c.owns ?? []);
    }
    expect(map.errors).toEqual([]);
    // Every controller that ran wrote something; the busiest reconcile is a multi-write crash target.
    const multi = map.map.multiWrites[0];
    expect(multi.writes).toBeGreaterThanOrEqual(2);
    expect(multi.crashWindows).toBe(multi.writes - 1);
    expect(multi.order).toHaveLength(multi.writes);
  });

  it("writes scenarios that validate, lint clean and run", async () => {
    expect(authored.written.length).toBeGreaterThan(0);
    const files = authored.written.map((w) => w.file);
    const lint = await runCli(["scenario", "lint", ...files, "--workspace", root, "--project", "kro-lite"], {
      cwd: root,
    });
    expect(lint.code).toBe(0);
    const def = await loadEmbeddedProject(path.join(root, "projects/kro-lite/project.ts"));
    const crash = authored.written.find((w) => w.dimension === "fault-injection");
    expect(crash?.scenarios).toHaveLength(map.map.multiWrites[0].crashWindows);
    const [first] = parseWorkflowText(fs.readFileSync(path.join(root, crash?.file ?? ""), "utf8"));
    expect(annotationOf(first)?.window).toMatch(/^crash after write 1 of \d+ /);
    const outs = await exploreScenario(def, first, { mode: "exploration", timeoutMs: 30_000 });
    expect(outs[0].dump.states?.length).toBeGreaterThan(0);
  });

  it("calibrates staleness windows that open before the writes they hide", () => {
    for (const w of authored.written.filter((x) => x.dimension === "staleness")) {
      const [s] = parseWorkflowText(fs.readFileSync(path.join(root, w.file), "utf8"));
      const [iv] = s.tuning?.stalenessIntervals ?? [];
      expect(iv.staleAt).toBeLessThan(iv.catchUpAt);
      expect(annotationOf(s)?.calibration?.reference).toMatch(/^reference\//);
    }
  });

  it("writes nothing new on a second run", async () => {
    const again = await authorScenarios({
      root,
      project: "kro-lite",
      access: authorAccess(root, "kro-lite"),
    });
    expect(again.written).toEqual([]);
  });
});
