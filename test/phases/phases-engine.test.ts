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
  for (const p of ["kro-lite", "crossplane-lite", "_shared"])
    fs.cpSync(path.join(repo, "projects", p), path.join(root, "projects", p), {
      recursive: true,
      // what a hunt generated in the repository (variants, surface maps) is not part of the project as written
      filter: (f) => !/-hypothesis-\d+\.json$|surface-map\.json$/.test(f),
    });
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

/** Terminal contents hashes of a scenario's exploration (one per terminal state). */
async function terminalHashes(
  project: string,
  file: string,
  index = 0,
  mode: "reference" | "exploration" = "exploration",
) {
  const def = await loadEmbeddedProject(path.join(root, "projects", project, "project.ts"));
  const scenario = parseWorkflowText(fs.readFileSync(path.join(root, file), "utf8"))[index];
  const outs = await exploreScenario(def, scenario, { mode, timeoutMs: 30_000 });
  return new Set(
    outs.flatMap((o) => (o.dump.states ?? []).map((st) => st.paths?.[0]?.at(-1)?.contentsHashAfter)),
  );
}

describe("author on a steady-state seed with user actions (crossplane-lite)", () => {
  let authored: AuthorResult;
  beforeAll(async () => {
    await mapProject({ root, project: "crossplane-lite", embedded: embeddedAccess() });
    authored = await authorScenarios({
      root,
      project: "crossplane-lite",
      access: authorAccess(root, "crossplane-lite"),
    });
  }, 120_000);

  it("keeps the base scenario's actions and makes the XR stale on the revisions it never watches", async () => {
    const stale = authored.written.find(
      (w) =>
        w.dimension === "staleness" &&
        w.annotation.targets.kinds.includes("apiextensions.crossplane.io/CompositionRevision") &&
        w.annotation.targets.controllers[0] === "CompositeReconciler",
    );
    expect(stale?.annotation.pattern).toMatch(/^stale read \(no watch\): CompositeReconciler assumes/);
    const [s] = parseWorkflowText(fs.readFileSync(path.join(root, stale?.file ?? ""), "utf8"));
    expect(s.externalInputs?.map((a) => a.opType)).toEqual(["UPDATE", "UPDATE"]);
    // The window hides the new revision from the XR: it ends somewhere the unperturbed run never does.
    const base = "projects/crossplane-lite/scenarios/f5_composition-revision-rollout.json";
    const reference = await terminalHashes("crossplane-lite", base, 0, "reference");
    const perturbed = await terminalHashes("crossplane-lite", stale?.file ?? "");
    expect(reference.size).toBe(1);
    expect([...perturbed].some((h) => !reference.has(h))).toBe(true);
  });

  it("staggers the base scenario's own XR update inside the window before it would fire", () => {
    const timed = authored.written.find((w) => w.dimension === "user-action-timing");
    expect(timed?.annotation.why).toBe(
      "the base scenario's update of example.org/XWidget only fires at convergence; no scenario staggers it",
    );
    const wf = parseWorkflowText(fs.readFileSync(path.join(root, timed?.file ?? ""), "utf8"));
    for (const s of wf) {
      const [[key, depth]] = Object.entries(s.tuning?.userActionReadyDepths ?? {});
      expect(key).toBe("1");
      expect(depth).toBeGreaterThan(0);
    }
  });
});
