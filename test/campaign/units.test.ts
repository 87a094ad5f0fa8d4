import { describe, expect, it } from "vitest";
import { cutUnits, hypothesisUnits, shardUnits } from "../../src/campaign/index.ts";
import { CampaignFile, type CampaignHypothesis, type CampaignScenario } from "../../src/formats/campaign.ts";

const phase = (name: string) => ({ name, transform: { kind: "reference" as const }, attributes: {} });

describe("campaign units", () => {
  it("cover every trial of every phase exactly once, whatever the shard count", () => {
    const scenarios: CampaignScenario[] = [
      { name: "a", index: 0, phases: [phase("reference"), phase("rerun")], trials: 1000 },
      { name: "b", index: 1, phases: [phase("reference")], trials: 3 },
      { name: "c", index: 2, phases: [phase("reference"), phase("rerun"), phase("x")] },
    ];
    for (const shards of [1, 2, 3, 7, 8, 64]) {
      const units = cutUnits(scenarios, shards);
      const seen = new Map<string, number>();
      for (let i = 0; i < shards; i++)
        for (const u of shardUnits({ units, shards }, i)) {
          const s = scenarios.find((x) => x.name === u.scenario) as CampaignScenario;
          const trials = u.trials
            ? Array.from({ length: u.trials.to - u.trials.from }, (_, k) => u.trials!.from + k)
            : [-1];
          for (const t of trials) {
            const key = `${s.name}/${u.phase}/${t}`;
            seen.set(key, (seen.get(key) ?? 0) + 1);
          }
        }
      expect(seen.size).toBe(2 * 1000 + 3 + 3);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(units.map((u) => u.id)).toEqual(units.map((_, i) => i));
    }
  });

  it("give each shard an even share of a Monte Carlo phase", () => {
    const units = cutUnits([{ name: "a", index: 0, phases: [phase("p")], trials: 1000 }], 8);
    const perShard = Array.from({ length: 8 }, (_, i) =>
      shardUnits({ units, shards: 8 }, i).reduce(
        (n, u) => n + (u.trials ? u.trials.to - u.trials.from : 1),
        0,
      ),
    );
    expect(perShard).toEqual([125, 125, 125, 125, 125, 125, 125, 125]);
  });

  it("number hypothesis variants after the scenario units, one unit each, spread over the shards", () => {
    const scenario = cutUnits([{ name: "a", index: 0, phases: [phase("p")], trials: 4 }], 2);
    const items = ["H1", "H2", "H3"].map((id) => ({ id }) as CampaignHypothesis);
    const units = [...scenario, ...hypothesisUnits(items, scenario.length)];
    expect(units.map((u) => u.id)).toEqual([0, 1, 2, 3, 4]);
    expect(shardUnits({ units, shards: 2 }, 0)).toEqual([
      scenario[0],
      { id: 2, hypothesis: "H1" },
      { id: 4, hypothesis: "H3" },
    ]);
    expect(shardUnits({ units, shards: 2 }, 1)).toEqual([scenario[1], { id: 3, hypothesis: "H2" }]);
  });

  it("are checked by the campaign schema: a unit names a scenario or hypothesis of the campaign", () => {
    const campaign = {
      format: "ctrlhunt-campaign/v1",
      project: "p",
      engine: "embedded",
      seed: 0,
      shards: 1,
      provenance: { ctrlhuntVersion: "0.1.0" },
      scenarios: [],
      units: [{ id: 0, hypothesis: "H9" }],
      sha256: "x",
    };
    const r = CampaignFile.safeParse(campaign);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "units.0: names no scenario or hypothesis of the campaign",
    ]);
  });
});
