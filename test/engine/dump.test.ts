import { describe, expect, it } from "vitest";
import { contentsHash as analysisContentsHash } from "../../src/analysis/contents-hash.ts";
import { defineController, defineProject, writeDumpJson } from "../../src/engine/index.ts";
import { Dump } from "../../src/formats/dump.ts";
import { allSteps, cm, explore, obj, scenario } from "./helpers.ts";

/** kamera's dump format (formats §2): shape, content addressing, file names, determinism. */

const project = defineProject({
  name: "dumpy",
  controllers: [
    defineController({
      id: "AppController",
      for: "example.com/App",
      owns: ["core/ConfigMap"],
      reconcile(ctx, req) {
        const app = ctx.get("example.com/App", req);
        if (!app) return;
        const want = String((app.spec as { v: number }).v);
        const c = ctx.get("core/ConfigMap", req);
        if (!c) ctx.create(cm(req.name, { v: want }, {}));
        else if ((c.data as { v: string }).v !== want) ctx.update({ ...c, data: { v: want } });
      },
    }),
    defineController({
      id: "Mirror",
      for: "core/ConfigMap",
      reconcile(ctx, req) {
        const c = ctx.get("core/ConfigMap", req);
        const app = ctx.get("example.com/App", req);
        if (c && app && JSON.stringify(app.status) !== JSON.stringify(c.data))
          ctx.updateStatus({ ...app, status: c.data });
      },
    }),
  ],
});

const s = scenario("K1/mirror <&> race", [obj("App", "a", { v: 1 })], {
  actions: [{ id: "bump", opType: "UPDATE", object: obj("App", "a", { v: 2 }) }],
  tuning: { permuteControllers: ["AppController", "Mirror"], maxDepth: 20 },
});

describe("dumps", () => {
  it("are byte-identical for the same scenario and seed (durations aside) and parse as dumps", async () => {
    const a = await explore(project, s, { mode: "closed-loop", reproducible: false });
    const b = await explore(project, s, { mode: "closed-loop", reproducible: false });
    const strip = (t: string) => t.replace(/"durationNs": \d+/g, "");
    expect(a.map((o) => strip(writeDumpJson(o.dump)))).toEqual(b.map((o) => strip(writeDumpJson(o.dump))));
    for (const o of a) expect(Dump.safeParse(JSON.parse(writeDumpJson(o.dump))).success).toBe(true);
    expect(a[0].dump.campaignMetrics?.durationNs).toBeGreaterThan(0);
  });

  it("names files per kamera (sanitized name/phase + index) and writes Go-style JSON", async () => {
    const out = await explore(project, s, { mode: "closed-loop", runIndex: 3 });
    expect(out.map((o) => o.fileName).slice(0, 2)).toEqual([
      "k1_mirror_race_reference_3.jsonl",
      "k1_mirror_race_rerun_3.jsonl",
    ]);
    const text = writeDumpJson(out[0].dump);
    expect(text).toContain("K1/mirror \\u003c\\u0026\\u003e race");
    expect(text.endsWith("}")).toBe(true);
    expect(out[0].dump.context?.scenario?.attributes).toMatchObject({
      phase: "reference",
      search_mode: "dfs",
    });
  });

  it("resolves every referenced hash once in objects[], and contentsHashAfter matches kamera's formula", async () => {
    const [out] = await explore(project, s);
    const d = out.dump;
    const stored = new Set((d.objects ?? []).map((o) => o.hash.Value));
    expect(stored.size).toBe(d.objects?.length);
    const values = [...(d.objects ?? [])].map((o) => o.hash.Value);
    expect(values).toEqual([...values].sort());
    for (const step of allSteps(d)) {
      for (const v of [...(step.stateBefore ?? []), ...(step.stateAfter ?? [])])
        expect(stored.has(v.hash.Value)).toBe(true);
      for (const e of step.changes.effects ?? []) expect(stored.has(e.Version?.Value ?? "")).toBe(true);
      expect(step.contentsHashAfter).toBe(analysisContentsHash(step.stateAfter ?? []));
      expect(step.frameId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const ids = (d.states ?? []).map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
  });

  it("records deltas for written keys the controller had read", async () => {
    const [out] = await explore(project, s);
    const update = allSteps(out.dump).find(
      (x) => x.controllerId === "AppController" && x.changes.effects?.[0]?.OpType === "UPDATE",
    );
    expect(update?.deltas?.[0]).toMatchObject({
      key: { resourceKind: "ConfigMap", name: "a" },
      value: 'CHANGE data.v: "1" -> "2"',
    });
  });

  it("derives invocation_id from scenario, mode and seed unless one is passed", async () => {
    const [x] = await explore(project, s, { mode: "reference" });
    const [y] = await explore(project, s, { mode: "reference", seed: 7 });
    const [z] = await explore(project, s, { mode: "reference", invocationId: "given" });
    const inv = (o: typeof x) => o.dump.context?.scenario?.attributes?.invocation_id;
    expect(inv(x)).not.toBe(inv(y));
    expect(inv(z)).toBe("given");
  });
});
