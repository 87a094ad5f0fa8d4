import { describe, expect, it } from "vitest";
import { cutUnits, shardUnits } from "../../src/campaign/index.ts";
import type { CampaignScenario } from "../../src/formats/campaign.ts";

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
});
