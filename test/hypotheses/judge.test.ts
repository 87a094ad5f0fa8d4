import { describe, expect, it } from "vitest";
import { resolveCitationIn } from "../../src/analysis/citations.ts";
import type { Dump } from "../../src/formats/dump.ts";
import { judgeChecks, judgeOutcome } from "../../src/hypotheses/judge/index.ts";
import type { JudgeInput } from "../../src/hypotheses/judge/types.ts";
import { PERTURBATIONS } from "../../src/hypotheses/perturbations/index.ts";
import { dump, state, step } from "./helpers/dump-builder.ts";
import { hypothesis } from "./helpers/fixtures.ts";

const cm = (owner: string) => [{ kind: "core/ConfigMap", name: "shared", content: { data: { owner } } }];
const path = (first: string, second: string, hash: string) => [
  step({ controller: first, writes: [["CREATE", "core/ConfigMap", "shared"]], hash: `${hash}-1` }),
  step({ controller: second, hash }),
];
const reference = dump([state("state-0", [path("A", "B", "ownerA")], { objects: cm("A") })]);
const h = hypothesis({ type: "ordering", targets: { controllers: ["A", "B"] } });
const input = (exploration: Dump, extra: Partial<JudgeInput> = {}): JudgeInput => ({
  hypothesis: h,
  confirmedBy: PERTURBATIONS.ordering.confirmedBy,
  exploration: [{ id: "runs/R2/dumps/explore.jsonl", dump: exploration }],
  baseline: [{ id: "runs/R1/dumps/ref.jsonl", dump: reference }],
  run: { status: "ok" },
  checks: judgeChecks(undefined),
  ...extra,
});
const resolves = (d: Dump, j: ReturnType<typeof judgeOutcome>) =>
  j.citations.map((c) => resolveCitationIn(d, c));

describe("judging an ordering hypothesis from evidence", () => {
  it("confirms a divergence with one resolving citation per terminal group", () => {
    const explored = dump([
      state("state-0", [path("A", "B", "ownerA")], { objects: cm("A") }),
      state("state-1", [path("B", "A", "ownerB")], { objects: cm("B") }),
    ]);
    const j = judgeOutcome(input(explored));
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("divergence");
    expect(j.hitRate).toEqual({ k: 1, n: 2 });
    expect(j.citations.map((c) => [c.stateId, c.contentsHash])).toEqual([
      ["state-0", "ownerA"],
      ["state-1", "ownerB"],
    ]);
    expect(resolves(explored, j)).toEqual([{ ok: true }, { ok: true }]);
    expect(j.reason).toContain(
      "2 distinct converged outcomes after masking bookkeeping fields (ownerA, ownerB) where the reference had 1",
    );
    expect(j.reason).toContain("core/ConfigMap default/shared differs in data (data.owner)");
    expect(j.differences).toEqual([
      {
        object: { kind: "core/ConfigMap", namespace: "default", name: "shared" },
        class: "data",
        fields: ["data.owner"],
      },
    ]);
    expect(j.symptom).toEqual({
      kind: "divergence",
      invariants: [],
      objects: [{ kind: "core/ConfigMap", namespace: "default", name: "shared" }],
    });
  });

  it("refutes with a citation of the expected behaviour when every ordering converges the same way", () => {
    const explored = dump([
      state("state-0", [path("A", "B", "ownerA"), path("B", "A", "ownerA")], { objects: cm("A") }),
    ]);
    const j = judgeOutcome(input(explored));
    expect(j.status).toBe("refuted");
    expect(j.citations).toHaveLength(1);
    expect(j.citations[0]?.note).toBe("expected behaviour: terminal state ownerA");
    expect(resolves(explored, j)).toEqual([{ ok: true }]);
    expect(j.reason).toContain(
      "all 1 terminal states (2 paths) converged to the reference outcome after masking bookkeeping fields (ownerA)",
    );
  });

  it("is inconclusive when every branch aborted at max depth, saying so", () => {
    const explored = dump([state("aborted-1", [path("B", "A", "x")], { error: "max depth reached" })]);
    const j = judgeOutcome(input(explored));
    expect(j.status).toBe("inconclusive");
    expect(j.reason).toContain("all 1 terminal states aborted (1 at max depth");
    expect(j.citations).toEqual([]);
  });

  it("is inconclusive after a timeout that found nothing", () => {
    const explored = dump([state("state-0", [path("A", "B", "ownerA")], { objects: cm("A") })]);
    const j = judgeOutcome(input(explored, { run: { status: "partial", error: "timeout after 5s" } }));
    expect(j.status).toBe("inconclusive");
    expect(j.reason).toContain("the run stopped early (timeout after 5s)");
  });

  it("confirms an error the reference does not show when the branch never heals, citing the failing step", () => {
    const explored = dump([
      state(
        "aborted-1",
        [
          [
            step({ controller: "B", writes: [["CREATE", "core/ConfigMap", "shared"]], hash: "h1" }),
            step({ controller: "A", error: "Conflict: object was modified", hash: "ownerB" }),
          ],
        ],
        { objects: cm("B"), error: "select pending reconcile: nothing ready" },
      ),
    ]);
    const j = judgeOutcome(input(explored));
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("error");
    expect(j.citations[0]).toMatchObject({ stepIndex: 1, controllerId: "A" });
    expect(j.citations[0]?.note).toContain("Conflict: object was modified");
    expect(resolves(explored, j)).toEqual([{ ok: true }]);
  });

  it("does not confirm a transient error that converges to the reference outcome (not a bug)", () => {
    const explored = dump([
      state(
        "state-0",
        [
          [
            step({ controller: "B", writes: [["CREATE", "core/ConfigMap", "shared"]], hash: "h1" }),
            step({ controller: "A", error: "Conflict: object was modified", hash: "ownerA" }),
          ],
        ],
        { objects: cm("A") },
      ),
    ]);
    const j = judgeOutcome(input(explored));
    expect(j.status).toBe("refuted");
  });

  it("confirms a violated predicate before anything else", () => {
    const explored = dump([state("state-0", [path("B", "A", "ownerA")], { objects: cm("B") })]);
    const hp = hypothesis({
      ...h,
      predicates: [
        {
          op: "fieldEquals",
          kind: "core/ConfigMap",
          namespace: "default",
          name: "shared",
          path: "data.owner",
          value: "A",
        },
      ],
    });
    const j = judgeOutcome(input(explored, { hypothesis: hp }));
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("predicate");
    expect(j.citations[0]?.note).toBe(
      'predicate violated: core/ConfigMap default/shared has data.owner = "A"',
    );
    expect(resolves(explored, j)).toEqual([{ ok: true }]);
  });
});

describe("judging an unconditional-write hypothesis", () => {
  const hw = hypothesis({ type: "unconditional-write", targets: { controllers: ["A"] } });
  const loop = Array.from({ length: 12 }, (_, i) =>
    step({
      controller: i % 2 ? "B" : "A",
      writes: i % 2 ? [] : [["UPDATE", "core/ConfigMap", "shared"]],
      hash: `c${i}`,
    }),
  );

  it("confirms a cycle from a max-depth path where the controller keeps rewriting one object", () => {
    const explored = dump([state("aborted-1", [loop], { error: "max depth reached" })], {
      uniqueNodeVisits: 10,
      totalNodeVisits: 134,
    });
    const j = judgeOutcome({
      ...input(explored),
      hypothesis: hw,
      confirmedBy: PERTURBATIONS["unconditional-write"].confirmedBy,
    });
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("cycling");
    expect(j.citations[0]).toMatchObject({ stepIndex: 10, controllerId: "A" });
    expect(j.reason).toContain(
      "A wrote core/ConfigMap/default/shared 3 times in the last 6 steps without converging",
    );
    expect(j.reason).toContain("total/unique visits 13.4");
    expect(resolves(explored, j)).toEqual([{ ok: true }]);
  });
});
