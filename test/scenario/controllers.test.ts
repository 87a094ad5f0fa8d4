import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLEANUP_ID, GC_ID } from "../../src/engine/embedded/index.ts";
import { lintWorkflowFiles, loadControllerFacts, projectOfFile } from "../../src/scenario/index.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
const API = path.join(REPO, "src/engine/embedded/api.ts");
let ws: string;

const write = (rel: string, content: unknown) => {
  const file = path.join(ws, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
};

beforeAll(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-facts-"));
  write(
    "projects/shop/project.ts",
    `import { defineController, defineProject } from ${JSON.stringify(API)};
export default defineProject({
  name: "shop",
  controllers: [
    defineController({ id: "OrderController", for: "shop.io/Order", owns: ["core/ConfigMap"], reads: ["core/Secret"],
      reconcile() { return { requeue: false }; } }),
    defineController({ id: "PaymentController", for: "shop.io/Payment", watches: [{ kind: "shop.io/Order" }],
      reconcile() { return undefined; } }),
  ],
});
`,
  );
  write("projects/shop/scenarios/s1_race.json", [
    {
      name: "s1/race",
      environmentState: { objects: [{ apiVersion: "shop.io/v1", kind: "Order", metadata: { name: "o" } }] },
      tuning: {
        permuteControllers: ["OrderController", "PaymentControler", "CleanupReconciler"],
        stalenessIntervals: [
          { reconciler: "PaymentController", kind: "shop.io/Order", staleAt: 1, catchUpAt: 3, lag: -1 },
          { reconciler: "OrderController", kind: "apps/Deployment", staleAt: 1, catchUpAt: 3, lag: -1 },
        ],
      },
    },
  ]);
  fs.mkdirSync(path.join(ws, "hypotheses"));
  fs.mkdirSync(path.join(ws, "evidence"));
});
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

describe("controller facts for lint", () => {
  it("come from an embedded project's own definition, with the kinds each controller reads", async () => {
    const facts = await loadControllerFacts(ws, "shop");
    expect(facts?.source).toBe("project.ts");
    expect(facts?.controllers).toEqual([
      { id: "OrderController", kinds: ["shop.io/Order", "core/ConfigMap", "core/Secret"] },
      { id: "PaymentController", kinds: ["shop.io/Payment", "shop.io/Order"] },
      { id: "CleanupReconciler" },
      { id: "GarbageCollector" },
    ]);
  });

  it("know the engine's built-in reconcilers by the engine's own names", async () => {
    const facts = await loadControllerFacts(ws, "shop");
    const ids = facts?.controllers.map((c) => c.id);
    expect(ids).toContain(CLEANUP_ID);
    expect(ids).toContain(GC_ID);
  });

  it("let lint flag a misspelled permuted ID and a window on a kind the reconciler never reads", async () => {
    const r = await lintWorkflowFiles(["projects/shop/scenarios"], { cwd: ws });
    expect(r.files[0]?.controllers).toEqual({ project: "shop", source: "project.ts" });
    expect(r.files[0]?.issues.map((i) => `${i.severity} ${i.path} ${i.rule}`)).toEqual([
      "error [0].tuning.permuteControllers[1] unregistered-controller",
      "warning [0].tuning.stalenessIntervals[1].kind stale-kind-not-read",
    ]);
    expect(r.files[0]?.issues[0]?.message).toContain('(did you mean "PaymentController"?)');
  });

  it("check the bundled projects' scenarios clean against their own controllers", async () => {
    const dirs = fs
      .readdirSync(path.join(REPO, "projects"))
      .filter((p) => fs.existsSync(path.join(REPO, "projects", p, "project.ts")))
      .map((p) => `projects/${p}/scenarios`)
      .filter((d) => fs.existsSync(path.join(REPO, d)));
    const r = await lintWorkflowFiles(dirs, { cwd: REPO });
    expect(r.files.length).toBeGreaterThan(0);
    for (const f of r.files) expect(f.controllers?.source, f.file).toBe("project.ts");
    expect(r.files.flatMap((f) => f.issues).filter((i) => i.severity === "error")).toEqual([]);
  });

  it("locate the project of a file kept under projects/<p>/scenarios/", () => {
    expect(projectOfFile("/w/projects/kro-lite/scenarios/k1.json")).toEqual({
      root: "/w",
      project: "kro-lite",
    });
    expect(projectOfFile("/w/elsewhere/scenarios/k1.json")).toBeUndefined();
  });
});
