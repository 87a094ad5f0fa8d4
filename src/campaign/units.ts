import type { CampaignFile, CampaignScenario, CampaignUnit } from "../formats/campaign.ts";

/**
 * Cut each scenario × phase into units: a Monte Carlo phase into `shards` near-equal trial ranges, a DFS phase into
 * one unit. Unit ids run in the order a whole run writes its dumps (scenario, phase, trial), so concatenating the
 * units' dumps by id gives the unsharded run's dump list.
 */
export function cutUnits(scenarios: readonly CampaignScenario[], shards: number): CampaignUnit[] {
  const units: CampaignUnit[] = [];
  for (const s of scenarios) {
    s.phases.forEach((_, phase) => {
      if (s.trials === undefined) {
        units.push({ id: units.length, scenario: s.name, phase });
        return;
      }
      const ranges = Math.min(shards, s.trials);
      for (let r = 0; r < ranges; r++) {
        const from = Math.floor((r * s.trials) / ranges);
        const to = Math.floor(((r + 1) * s.trials) / ranges);
        units.push({ id: units.length, scenario: s.name, phase, trials: { from, to } });
      }
    });
  }
  return units;
}

/** Shard i's units: a pure function of the campaign and i (unit id modulo the shard count). */
export function shardUnits(c: Pick<CampaignFile, "units" | "shards">, shard: number): CampaignUnit[] {
  return c.units.filter((u) => u.id % c.shards === shard);
}

/** How many dumps a unit writes. */
export function unitDumpCount(u: CampaignUnit): number {
  return u.trials ? u.trials.to - u.trials.from : 1;
}
