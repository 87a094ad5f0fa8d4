import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { kameraEngine } from "../../src/engine/kamera/index.ts";
import { Dump } from "../../src/formats/dump.ts";
import {
  checkInvariants,
  invariantSet,
  type ProjectChecks,
  terminalView,
} from "../../src/invariants/index.ts";
import { buildHarnesses, REPO, TWINS, tempDir } from "./twins.ts";

/** What each Go target's checks.ts must say about its exploration's converged states. */
const EXPECTED: Record<string, { invariant: string; violating: number; holding: number }> = {
  "kratix-lite-go": { invariant: "work not ready while a placement failed", violating: 1, holding: 1 },
  "toggle-race-go": { invariant: "toggle owned by its desired controller", violating: 2, holding: 1 },
};

beforeAll(() => buildHarnesses());

describe.each(TWINS)("$go/checks.ts judges kamera's terminal states", ({ go, scenario }) => {
  it("flags exactly the outcomes of the planted bug, and never the reference", async () => {
    const checks: ProjectChecks = (await import(path.join(REPO, "projects", go, "checks.ts"))).default;
    const set = invariantSet(checks);
    const judge = async (mode: "exploration" | "reference") => {
      const rec = await kameraEngine(REPO).run({
        project: go,
        scenarioFile: scenario,
        mode,
        outDir: path.join(tempDir(go), "run"),
      });
      const verdicts: boolean[] = [];
      for (const d of rec.dumps) {
        const dump = Dump.parse(JSON.parse(fs.readFileSync(path.resolve(REPO, d), "utf8")));
        for (const s of dump.states ?? []) {
          if (s.error) continue;
          const { view, unresolved } = terminalView(dump, s);
          expect(unresolved).toBe(0);
          const mine = checkInvariants(set, view).find((r) => r.invariant === EXPECTED[go].invariant);
          expect(mine?.error).toBeUndefined();
          verdicts.push((mine?.violations.length ?? 0) > 0);
        }
      }
      return verdicts;
    };
    const explored = await judge("exploration");
    expect(explored.filter(Boolean)).toHaveLength(EXPECTED[go].violating);
    expect(explored.filter((v) => !v)).toHaveLength(EXPECTED[go].holding);
    expect(await judge("reference")).toEqual([false]);
  });
});
