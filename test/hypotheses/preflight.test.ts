import { describe, expect, it } from "vitest";
import { planHypothesis } from "../../src/hypotheses/plan.ts";
import { dump, state, step } from "./helpers/dump-builder.ts";
import { hypothesis, obj, planContext, staleReference, staleScenario } from "./helpers/fixtures.ts";

describe("preflight: staleness window", () => {
  it("rejects a window that expired before the run started and says what to choose instead", () => {
    const h = hypothesis({
      type: "staleness",
      targets: { controllers: ["Reader"], kinds: ["core/Foo"] },
      parameters: { staleAt: 1, catchUpAt: 4 },
    });
    const plan = planHypothesis(planContext(h, staleScenario));
    expect(plan.ok).toBe(false);
    const msg = plan.issues.find((i) => i.check === "staleness-window")?.message;
    expect(msg).toBe(
      "window expired before the run started: initial core/Foo sequence is 4 ≥ catchUpAt 4; choose catchUpAt > 4, e.g. staleAt=4, catchUpAt=6",
    );
  });

  it("calibrates a live window that the reference path enters", () => {
    const h = hypothesis({ type: "staleness", targets: { controllers: ["Reader"], kinds: ["core/Foo"] } });
    const plan = planHypothesis(planContext(h, staleScenario));
    expect(plan.issues.filter((i) => i.severity !== "warning")).toEqual([]);
    expect(plan.tuning.stalenessIntervals).toEqual([
      { reconciler: "Reader", kind: "core/Foo", staleAt: 4, catchUpAt: 6, lag: -1, deactivateAtDepth: 3 },
    ]);
    expect(plan.notes.join("\n")).toContain(
      "catches up when core/Foo reaches sequence 6 or at depth 3, right after Reader's last stale read; step 2 misses UPDATE core/Foo/default/f (step 1)",
    );
  });

  it("rejects a window the reference never enters", () => {
    const h = hypothesis({
      type: "staleness",
      targets: { controllers: ["Reader"], kinds: ["core/Foo"] },
      parameters: { staleAt: 8, catchUpAt: 12 },
    });
    const msg = planHypothesis(planContext(h, staleScenario)).issues[0]?.message;
    expect(msg).toContain(
      "window [8, 12) is never entered: core/Foo takes sequences 4, 5 on the reference path",
    );
    expect(msg).toContain("e.g. staleAt=4, catchUpAt=6");
  });
});

describe("preflight: controllers", () => {
  it("blocks a permuted controller that is not registered, naming the registered ones", () => {
    const h = hypothesis({ type: "ordering", targets: { controllers: ["Reader", "Ghost"] } });
    const plan = planHypothesis(planContext(h, staleScenario));
    expect(plan.ok).toBe(false);
    expect(plan.blocked).toBe(true);
    const issue = plan.issues.find((i) => i.check === "controllers-registered");
    expect(issue?.path).toBe("targets.controllers[1]");
    expect(issue?.message).toBe(
      'controller "Ghost" is not registered in the project (registered: Reader, Writer); fix the ID or register "Ghost" in the project first',
    );
  });

  it("checks IDs already in the base tuning too", () => {
    const scenario = { ...staleScenario, tuning: { permuteControllers: ["Writer", "Typo"] } };
    const h = hypothesis({ type: "ordering", targets: { controllers: ["Reader", "Writer"] } });
    const plan = planHypothesis(planContext(h, scenario));
    expect(plan.issues.map((i) => i.path)).toContain("tuning.permuteControllers[1]");
    expect(plan.tuning.permuteControllers).toEqual(["Writer", "Typo", "Reader"]);
  });

  it("blocks a target controller that nothing triggers in the scenario", () => {
    const plan = planHypothesis(
      planContext(
        hypothesis({ type: "ordering", targets: { controllers: ["Reader", "Idle"] } }),
        staleScenario,
        staleReference,
        ["Reader", "Writer", "Idle"],
      ),
    );
    expect(plan.blocked).toBe(true);
    expect(plan.issues[0]?.message).toContain(
      '"Idle" never reconciles in the reference run: nothing in this scenario triggers it',
    );
  });

  it("passes a well-formed ordering hypothesis and lists both controllers", () => {
    const plan = planHypothesis(
      planContext(
        hypothesis({ type: "ordering", targets: { controllers: ["Reader", "Writer"] } }),
        staleScenario,
      ),
    );
    expect(plan.ok).toBe(true);
    expect(plan.tuning.permuteControllers).toEqual(["Reader", "Writer"]);
  });
});

describe("preflight: user actions", () => {
  const cycling = dump(
    [
      state(
        "aborted-x",
        [
          [
            step({
              controller: "Writer",
              writes: [["UPDATE", "core/Foo", "f"]],
              after: { "core/Foo": 5 },
              hash: "c1",
            }),
            step({
              controller: "Writer",
              writes: [["UPDATE", "core/Foo", "f"]],
              after: { "core/Foo": 6 },
              hash: "c2",
            }),
          ],
        ],
        { error: "max depth reached" },
      ),
    ],
    { uniqueNodeVisits: 10, totalNodeVisits: 12 },
  );
  const withInput = {
    ...staleScenario,
    tuning: { maxDepth: 10 },
    externalInputs: [{ id: "edit", opType: "UPDATE" as const, object: obj("Foo", "f") }],
  };

  it("rejects a user action that never fires because the reference never quiesces", () => {
    const h = hypothesis({ type: "ordering", targets: { controllers: ["Writer", "Reader"] } });
    const plan = planHypothesis(planContext(h, withInput, cycling));
    const issue = plan.issues.find((i) => i.check === "user-action-fires");
    expect(issue?.message).toBe(
      'action #0 (UPDATE Foo f) never fires: without a ready depth it waits for quiescence, and the reference never quiesces (1/1 reference terminal states aborted at max depth); add tuning.userActionReadyDepths {"0": 0} to fire it at once, or a depth where it should land',
    );
  });

  it("rejects a ready depth beyond maxDepth; warns of one on a CREATE input only for kamera harnesses", () => {
    const scenario = {
      ...withInput,
      externalInputs: [...withInput.externalInputs, { opType: "CREATE" as const, object: obj("Foo", "g") }],
      tuning: { maxDepth: 10, userActionReadyDepths: { "0": 12, "1": 2 } },
    };
    const h = hypothesis({ type: "ordering", targets: { controllers: ["Writer", "Reader"] } });
    const messages = planHypothesis(planContext(h, scenario)).issues.map((i) => i.message);
    expect(messages).toContain(
      "action #0 (UPDATE Foo f) is ready at depth 12 but maxDepth is 10: every branch aborts first; choose a ready depth below 10 or raise tuning.maxDepth above 12",
    );
    // The embedded engine fires a CREATE at its ready depth (the timing sweep relies on it).
    expect(messages.filter((m) => m.startsWith("action #1"))).toEqual([]);
    const kamera = planHypothesis({ ...planContext(h, scenario), engine: "kamera" }).issues;
    const create = kamera.find((i) => i.message.startsWith("action #1"));
    expect(create?.severity).toBe("warning");
    expect(create?.message).toContain("kamera harnesses that pre-seed CREATE inputs ignore it");
  });

  it("blocks timing a CREATE-only scenario and proposes seed + UPDATE", () => {
    const scenario = {
      ...staleScenario,
      externalInputs: [{ opType: "CREATE" as const, object: obj("Foo", "g") }],
    };
    const plan = planHypothesis(
      planContext(hypothesis({ type: "user-action-timing", targets: { controllers: ["Writer"] } }), scenario),
    );
    expect(plan.blocked).toBe(true);
    expect(plan.issues[0]?.message).toContain(
      "its only input is the CREATE that starts the run: there is no later input to fire while controllers still react to an earlier one; seed the object in environmentState and add an UPDATE or DELETE input",
    );
  });
});

describe("preflight: depth", () => {
  const aborted = (ratio: number) =>
    dump(
      [
        state("aborted-1", [[step({ controller: "Writer", writes: [["UPDATE", "core/Foo", "f"]] })]], {
          error: "max depth reached",
        }),
      ],
      {
        uniqueNodeVisits: 10,
        totalNodeVisits: Math.round(10 * ratio),
      },
    );
  const h = hypothesis({ type: "ordering", targets: { controllers: ["Writer", "Reader"] } });

  it("raises maxDepth in the variant when the reference ran out of depth without cycling", () => {
    const plan = planHypothesis(planContext(h, { ...staleScenario, tuning: { maxDepth: 40 } }, aborted(1.4)));
    expect(plan.tuning.maxDepth).toBe(80);
    expect(plan.issues.filter((i) => i.check === "depth-sufficient")).toEqual([]);
  });

  it("rejects the user's own too-small depth", () => {
    const hd = hypothesis({ ...h, parameters: { maxDepth: 40 } });
    const plan = planHypothesis(
      planContext(hd, { ...staleScenario, tuning: { maxDepth: 40 } }, aborted(1.4)),
    );
    expect(plan.issues.find((i) => i.check === "depth-sufficient")?.message).toContain(
      "raise tuning.maxDepth, e.g. to 80",
    );
  });

  it("warns that depth will not help when the reference cycles", () => {
    const plan = planHypothesis(
      planContext(h, { ...staleScenario, tuning: { maxDepth: 40 } }, aborted(13.4)),
    );
    expect(plan.tuning.maxDepth).toBe(40);
    const issue = plan.issues.find((i) => i.check === "depth-sufficient");
    expect(issue?.severity).toBe("warning");
    expect(issue?.message).toContain(
      "the reference cycles (total/unique visits 13.4 > 3): more depth will not help",
    );
  });
});

describe("preflight: what the engine can run", () => {
  it("blocks a hypothesis type the project's harness does not run, naming what it runs", () => {
    const h = hypothesis({ type: "staleness", targets: { controllers: ["Reader"], kinds: ["core/Foo"] } });
    const plan = planHypothesis({ ...planContext(h, staleScenario), runnable: ["ordering"] });
    expect(plan.blocked).toBe(true);
    expect(plan.issues).toEqual([
      {
        check: "engine-supports",
        path: "type",
        blocking: true,
        message:
          "the project's harness cannot run staleness hypotheses (project.json perturbations: ordering)",
      },
    ]);
    const ordering = hypothesis({ type: "ordering", targets: { controllers: ["Reader"] } });
    expect(
      planHypothesis({ ...planContext(ordering, staleScenario), runnable: ["ordering"] }).issues.filter(
        (i) => i.check === "engine-supports",
      ),
    ).toEqual([]);
  });
});
