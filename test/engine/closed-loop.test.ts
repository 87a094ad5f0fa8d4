import { describe, expect, it } from "vitest";
import { defineController, defineProject } from "../../src/engine/index.ts";
import { cm, converged, explore, firstPath, objectsOf, scenario } from "./helpers.ts";

/** Run modes (spec §5.6): reference strips perturbations; closed-loop adds the planner's phases. */

const project = defineProject({
  name: "loop",
  controllers: [
    defineController({
      id: "Copier",
      for: "core/ConfigMap",
      reconcile(ctx, req) {
        if (req.name !== "src") return;
        const src = ctx.get("core/ConfigMap", req);
        const dst = ctx.get("core/ConfigMap", { namespace: "default", name: "dst" });
        if (!src) return;
        if (!dst) ctx.create(cm("dst", src.data as Record<string, string>));
        else if (JSON.stringify(dst.data) !== JSON.stringify(src.data))
          ctx.update({ ...dst, data: src.data });
      },
    }),
    defineController({
      id: "Auditor",
      for: "core/ConfigMap",
      reads: ["core/Secret"],
      reconcile(ctx, req) {
        if (req.name !== "dst") return;
        ctx.get("core/ConfigMap", req);
        ctx.list("core/Secret", { namespace: "default" });
      },
    }),
  ],
});

const twoActions = scenario("loop/two", [cm("src", { v: "0" })], {
  actions: [
    { id: "first", opType: "UPDATE", object: cm("src", { v: "1" }) },
    { id: "second", opType: "UPDATE", object: cm("src", { v: "2" }) },
  ],
  tuning: { maxDepth: 30 },
});

describe("closed loop", () => {
  it("plans user-action interleavings between the reference depths of consecutive actions", async () => {
    const out = await explore(project, twoActions, { mode: "closed-loop", maxStalenessPhases: 0 });
    const ref = out[0];
    const refPath = firstPath(converged(ref.dump)[0]);
    const at = (i: number) => refPath.findIndex((s) => s.stepMetadata?.["userAction.index"] === String(i));
    const phases = out.slice(1).map((o) => o.phase);
    const expected = [];
    for (let d = at(0) + 1; d < at(1); d++) expected.push(`interleave_action_1_depth_${d}`);
    expect(phases).toEqual(expected);
    const first = out[1];
    expect(first.dump.context?.scenario?.attributes).toMatchObject({
      phase: expected[0],
      "perturbation.strategy": "user_action_interleaving",
      "perturbation.action_index": "1",
      "perturbation.reference_action_depth": String(at(1)),
    });
    const p = firstPath(converged(first.dump)[0]);
    expect(p.findIndex((s) => s.stepMetadata?.["userAction.index"] === "1")).toBe(at(0) + 1);
  });

  it("with fewer than two inputs reruns with ordering over every controller seen, then bounded staleness windows", async () => {
    const s = { ...twoActions, name: "loop/one", externalInputs: twoActions.externalInputs?.slice(0, 1) };
    const out = await explore(project, s, { mode: "closed-loop", maxStalenessPhases: 3 });
    expect(out.map((o) => o.phase).slice(0, 2)).toEqual(["reference", "rerun"]);
    const stale = out.slice(2);
    expect(stale).toHaveLength(3);
    for (const o of stale) {
      expect(o.dump.context?.scenario?.attributes?.["perturbation.strategy"]).toBe("staleness_interval");
      expect(["Copier", "Auditor"]).toContain(
        o.dump.context?.scenario?.attributes?.["perturbation.reconciler"],
      );
    }
    const attrs = stale.map((o) => o.dump.context?.scenario?.attributes ?? {});
    // Round-robin over observed pairs; core/Secret is read but never written, so it has no window to open.
    expect(new Set(attrs.map((a) => a["perturbation.reconciler"]))).toEqual(new Set(["Auditor", "Copier"]));
    expect(new Set(attrs.map((a) => a["perturbation.kind"]))).toEqual(new Set(["core/ConfigMap"]));
  });

  it("the reference run strips fault injection and permutation; exploration keeps them", async () => {
    const s = scenario("loop/fault", [cm("src", { v: "0" })], {
      tuning: {
        permuteControllers: ["Copier", "Auditor"],
        faultInjection: [{ reconciler: "Copier", crashAfterEffect: 0 }],
      },
    });
    const [ref] = await explore(project, s, { mode: "reference" });
    const [exp] = await explore(project, s, { mode: "exploration" });
    expect(objectsOf(ref.dump, converged(ref.dump)[0]).map((o) => o.metadata.name)).toEqual(["dst", "src"]);
    expect(objectsOf(exp.dump, converged(exp.dump)[0]).map((o) => o.metadata.name)).toEqual(["src"]);
    expect(ref.fileName).toBe("loop_fault_reference_0.jsonl");
    expect(exp.fileName).toBe("loop_fault_0.jsonl");
  });
});
