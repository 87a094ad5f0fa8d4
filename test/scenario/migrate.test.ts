import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/formats/workflow.ts";
import { parseWorkflowText, serializeWorkflow } from "../../src/formats/workflow-io.ts";
import { resolveWorkflow } from "../../src/formats/workflow-resolve.ts";
import { migrateWorkflow } from "../../src/scenario/index.ts";
import { kameraInputFiles, label, readText } from "../formats/fixtures.ts";

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "w" } };
const real = kameraInputFiles().map((f) => ({ name: label(f), w: parseWorkflowText(readText(f), f) }));
const g1 = real.filter(({ w }) => w.some((s) => "userInputs" in s));

describe("scenario migrate (G1 → G2)", () => {
  it("has G1 fixtures to migrate", () => {
    expect(g1.length).toBeGreaterThanOrEqual(10);
  });

  it.each(g1.map((x) => [x.name, x.w] as const))(
    "%s: same scenario for the engine, now G2, all fields kept",
    (_n, w) => {
      const res = migrateWorkflow(w);
      expect(res.errors).toEqual([]);
      const after = parseWorkflowText(serializeWorkflow(res.workflow), "migrated.json");
      const norm = (list: ReturnType<typeof resolveWorkflow>) => list.map(({ generation: _g, ...r }) => r);
      expect(norm(resolveWorkflow(after))).toEqual(norm(resolveWorkflow(w)));
      for (const [i, s] of after.entries()) {
        expect(s).not.toHaveProperty("userInputs");
        for (const a of s.externalInputs ?? []) expect(a).not.toHaveProperty("type");
        // every other top-level field survives, in its original position
        const before = Object.keys(w[i] as object).map((k) => (k === "userInputs" ? "externalInputs" : k));
        expect(Object.keys(s)).toEqual([...new Set(before)]);
      }
      // migrating twice changes nothing more
      expect(migrateWorkflow(after).changes).toEqual([]);
    },
  );

  it("renames in place and keeps unknown fields of actions", () => {
    const w: Scenario[] = [
      {
        name: "a",
        userInputs: [{ id: "x", type: "UPDATE", object: pod, note: "kept" } as never],
        tuning: { maxDepth: 5 },
        extra: 1,
      } as Scenario,
    ];
    const res = migrateWorkflow(w);
    expect(serializeWorkflow(res.workflow)).toBe(
      `${JSON.stringify(
        [
          {
            name: "a",
            externalInputs: [{ id: "x", opType: "UPDATE", object: pod, note: "kept" }],
            tuning: { maxDepth: 5 },
            extra: 1,
          },
        ],
        null,
        2,
      )}\n`,
    );
    expect(res.changes.map((c) => `${c.path}: ${c.message}`)).toEqual([
      "[0].userInputs: renamed to externalInputs (1 action(s), type → opType)",
    ]);
    expect(w[0]).toHaveProperty("userInputs"); // the input is not modified
  });

  it("reports removing an empty legacy list and warns about staleReads it keeps", () => {
    const w: Scenario[] = [
      {
        name: "a",
        environmentState: { objects: [pod] },
        externalInputs: [{ opType: "CREATE", object: pod }],
        userInputs: [],
        tuning: { staleReads: { R: ["core/Pod"] } },
      },
    ];
    const res = migrateWorkflow(w);
    expect(res.workflow[0]).not.toHaveProperty("userInputs");
    expect(res.changes[0]?.message).toMatch(/removed empty legacy userInputs/);
    expect(res.warnings).toHaveLength(1);
    expect(res.warnings[0]).toMatchObject({ path: "[0].tuning.staleReads", severity: "warning" });
    expect(res.workflow[0]?.tuning?.staleReads).toEqual({ R: ["core/Pod"] });
  });

  it("refuses to guess when both lists hold actions, or type and opType disagree", () => {
    const both = migrateWorkflow([
      {
        name: "a",
        externalInputs: [{ opType: "CREATE", object: pod }],
        userInputs: [{ type: "DELETE", object: pod }],
      },
    ]);
    expect(both.errors[0]?.message).toMatch(/both userInputs \(1\) and externalInputs \(1\)/);
    const clash = migrateWorkflow([
      { name: "a", userInputs: [{ type: "DELETE", opType: "CREATE", object: pod } as never] },
    ]);
    expect(clash.errors[0]).toMatchObject({ path: "[0].externalInputs[0]", severity: "error" });
  });
});
