import type {
  CampaignFile,
  CampaignHypothesis,
  CampaignScenario,
  CampaignUnit,
  HypothesisUnit,
  ScenarioUnit,
} from "../formats/campaign.ts";

/**
 * Cut each scenario × phase into units: a Monte Carlo phase into `shards` near-equal trial ranges, a DFS phase into
 * one unit. Unit ids run in the order a whole run writes its dumps (scenario, phase, trial), so concatenating the
 * units' dumps by id gives the unsharded run's dump list.
 */
export function cutUnits(scenarios: readonly CampaignScenario[], shards: number): ScenarioUnit[] {
  const units: ScenarioUnit[] = [];
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

/** One unit per hypothesis variant, numbered after the scenario units, in the order they are judged. */
export function hypothesisUnits(items: readonly CampaignHypothesis[], firstId: number): HypothesisUnit[] {
  return items.map((h, i) => ({ id: firstId + i, hypothesis: h.id }));
}

/** Shard i's units: a pure function of the campaign and i (unit id modulo the shard count). */
export function shardUnits<U extends CampaignUnit>(
  c: { units: readonly U[]; shards: number },
  shard: number,
): U[] {
  return c.units.filter((u) => u.id % c.shards === shard);
}

export function isHypothesisUnit(u: CampaignUnit): u is HypothesisUnit {
  return "hypothesis" in u;
}

export const scenarioUnitsOf = (units: readonly CampaignUnit[]): ScenarioUnit[] =>
  units.filter((u): u is ScenarioUnit => !isHypothesisUnit(u));

export const hypothesisUnitsOf = (units: readonly CampaignUnit[]): HypothesisUnit[] =>
  units.filter(isHypothesisUnit);

/** The pinned hypothesis a unit runs (the schema guarantees it exists). */
export function hypothesisOf(c: CampaignFile, u: HypothesisUnit): CampaignHypothesis {
  return c.hypotheses?.items.find((h) => h.id === u.hypothesis) as CampaignHypothesis;
}

/** How many dumps a scenario unit writes (a hypothesis unit's count depends on what its runs find). */
export function unitDumpCount(u: ScenarioUnit): number {
  return u.trials ? u.trials.to - u.trials.from : 1;
}
