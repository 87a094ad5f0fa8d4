import { describe, expect, it } from "vitest";
import { allTerminals, condition, explore, get, histogram, type Terminal } from "./harness.ts";

const FILE = "k5_work-placement-status-race.json";
const PERMUTE_PLACEMENTS = { permuteControllers: ["WorkPlacementController"] };
const MONTE_CARLO = { search: { mode: "monte_carlo", monteCarlo: { seed: 7, trials: 10 } } };

const work = (t: Terminal) => get(t, "platform.kratix.io/Work", "default", "example-work");
const ready = (t: Terminal) => condition(work(t), "Ready");
const writeOk = (t: Terminal, dest: string) =>
  condition(get(t, "platform.kratix.io/WorkPlacement", "default", `example-work.${dest}`), "WriteSucceeded")
    ?.status;

describe("kratix-lite: every placement writes the parent Work's Ready (Kratix K5)", () => {
  it("reference run converges to one terminal state", async () => {
    const ts = allTerminals(await explore("kratix-lite", FILE, { mode: "reference" }));
    expect(ts).toHaveLength(1);
    expect(ts[0].error).toBeUndefined();
    expect(ready(ts[0])).toBeDefined();
  });

  it("ordering of the placement reconciles gives divergent Ready values, some hiding failed placements", async () => {
    const ts = allTerminals(await explore("kratix-lite", FILE, { tuning: PERMUTE_PLACEMENTS }));
    expect(histogram(ts).size).toBe(4); // Ready from the last writer: dest-a, dest-b, dest-c or dest-d
    expect(new Set(ts.map((t) => ready(t)?.message))).toEqual(
      new Set(["dest-a", 'dest-b: no state store "store-b"', "dest-c", 'dest-d: no state store "store-d"']),
    );
    for (const t of ts) {
      // Delivery itself is deterministic; only the parent's summary of it diverges.
      expect([
        writeOk(t, "dest-a"),
        writeOk(t, "dest-b"),
        writeOk(t, "dest-c"),
        writeOk(t, "dest-d"),
      ]).toEqual(["True", "False", "True", "False"]);
    }
    expect(ts.some((t) => ready(t)?.status === "True")).toBe(true);
  });

  it("Monte Carlo trials land in several terminal states", async () => {
    const ts = allTerminals(await explore("kratix-lite", FILE, { tuning: MONTE_CARLO }));
    expect(ts).toHaveLength(10);
    expect(histogram(ts).size).toBeGreaterThanOrEqual(2);
  });

  it("kratix-lite-fixed: one writer of Ready gives one terminal state under orderings and trials", async () => {
    for (const tuning of [PERMUTE_PLACEMENTS, MONTE_CARLO]) {
      const ts = allTerminals(await explore("kratix-lite-fixed", FILE, { tuning }));
      expect(histogram(ts).size).toBe(1);
      expect(ready(ts[0])).toMatchObject({
        status: "False",
        reason: "WorkplacementsFailing",
        message: "failing: dest-b, dest-d",
      });
    }
  });
});
