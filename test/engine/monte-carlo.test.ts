import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEmbeddedProject, writeDumpJson } from "../../src/engine/index.ts";
import { derivedSeed } from "../../src/engine/embedded/search/rng.ts";
import { converged, explore, findObject, obj, scenario } from "./helpers.ts";

/** Monte Carlo mode (spec §4.5): one path per trial, seeded choices, trials on worker threads. */

const projectFile = path.join(import.meta.dirname, "fixtures", "race-project.ts");
const s = scenario("mc/race", [obj("App", "a")], {
  tuning: { search: { mode: "monte_carlo", monteCarlo: { seed: 4242, trials: 12 } } },
});

const winners = (outs: Awaited<ReturnType<typeof explore>>) =>
  outs.map(
    (o) =>
      (findObject(o.dump, converged(o.dump)[0], "ConfigMap", "winner")?.data as { by?: string } | undefined)
        ?.by,
  );

describe("Monte Carlo", () => {
  it("derives per-trial seeds with FNV-1a-64 masked to 63 bits", () => {
    expect(derivedSeed(4242, "g", 0)).toBeLessThan(2n ** 63n);
    expect(derivedSeed(4242, "g", 0)).not.toBe(derivedSeed(4242, "g", 1));
    expect(derivedSeed(4242, "g", 3)).toBe(derivedSeed(4242, "g", 3));
  });

  it("runs one single-path dump per trial, reproducibly, and visits more than one outcome", async () => {
    const project = await loadEmbeddedProject(projectFile);
    const a = await explore(project, s, { inputRef: "mc.json#0" });
    const b = await explore(project, s, { inputRef: "mc.json#0" });
    expect(a).toHaveLength(12);
    expect(a.map((o) => writeDumpJson(o.dump))).toEqual(b.map((o) => writeDumpJson(o.dump)));
    expect(new Set(winners(a)).size).toBeGreaterThan(1);
    for (const o of a) expect(o.dump.states?.[0].paths).toHaveLength(1);
    expect(a[5].fileName).toBe("mc_race_5.jsonl");
    expect(a[5].dump.context?.scenario?.attributes).toMatchObject({
      search_mode: "monte_carlo",
      mc_group_id: "mc.json#0",
      mc_trial_index: "5",
      mc_trial_count: "12",
      mc_seed: derivedSeed(4242, "mc.json#0", 5).toString(),
      mc_role: "trial",
    });
  });

  it("gives the same dumps on a worker pool as in-process", async () => {
    const project = await loadEmbeddedProject(projectFile);
    const local = await explore(project, s, { trials: 4 });
    const pooled = await explore(project, s, { trials: 4, workers: 2 });
    expect(pooled.map((o) => writeDumpJson(o.dump))).toEqual(local.map((o) => writeDumpJson(o.dump)));
  });
});
