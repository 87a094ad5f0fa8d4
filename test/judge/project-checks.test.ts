import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCtrlhuntError } from "../../src/errors/index.ts";
import { decideInvariant, proposeInvariantRecords } from "../../src/evidence/index.ts";
import { judgeChecks, loadProjectChecks } from "../../src/hypotheses/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { checkInvariants, viewOf } from "../../src/invariants/index.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

const SRC = path.resolve(import.meta.dirname, "../../src/index.ts");

/** A kamera (Go) project: project.json plus the checks.ts the judge reads its invariants and masks from. */
function goProject(root: string, checks?: string): string {
  const dir = path.join(root, "projects", "shop-go");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "project.json"),
    JSON.stringify({ engine: "kamera", harness: { command: ["true"] } }),
  );
  if (checks !== undefined) fs.writeFileSync(path.join(dir, "checks.ts"), checks);
  return dir;
}

describe("project checks: what judges a project", () => {
  it("reads a Go project's invariants and masks from checks.ts and judges terminal-state JSON with them", async () => {
    const root = tempWorkspace([]);
    goProject(
      root,
      `import { defineChecks } from ${JSON.stringify(SRC)};
export default defineChecks({
  invariants: [{ name: "orders have receipts", check: (s) => s.list("shop.io/Order").filter((o) => !s.get("core/ConfigMap", o.metadata.name, o.metadata.namespace)).map((o) => ({ message: "no receipt for " + o.metadata.name, objects: [{ kind: "shop.io/Order", namespace: o.metadata.namespace, name: o.metadata.name }] })) }],
  masks: ["status.lastSyncTime"],
});
`,
    );
    const checks = await loadProjectChecks(root, "shop-go");
    expect(checks.invariants?.map((i) => i.name)).toEqual(["orders have receipts"]);
    const judge = judgeChecks(checks);
    expect(judge.mask.names).toContain("status.lastSyncTime");
    expect(judge.mask.names).toContain("resourceVersion");
    const order = { apiVersion: "shop.io/v1", kind: "Order", metadata: { name: "o1", namespace: "default" } };
    const view = viewOf([
      { ref: { kind: "shop.io/Order", namespace: "default", name: "o1" }, object: order },
    ]);
    const results = checkInvariants(judge.invariants, view);
    expect(results.find((r) => r.invariant === "orders have receipts")?.violations).toEqual([
      {
        message: "no receipt for o1",
        objects: [{ kind: "shop.io/Order", namespace: "default", name: "o1" }],
      },
    ]);
  });

  it("adds the invariants a person accepted, and only those", async () => {
    const root = tempWorkspace([]);
    goProject(root);
    const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1767225600" });
    const rule = { rule: "no-deletion-timestamp" as const, select: { kind: "shop.io/Order" } };
    const [proposed, other] = proposeInvariantRecords(
      root,
      "shop-go",
      [
        { name: "orders are never stuck deleting", rule, rationale: "seen", source: "user" },
        {
          name: "carts too",
          rule: { ...rule, select: { kind: "shop.io/Cart" } },
          rationale: "seen",
          source: "user",
        },
      ],
      clock,
    );
    expect((await loadProjectChecks(root, "shop-go")).invariants ?? []).toEqual([]);
    decideInvariant(root, "shop-go", (proposed as { id: string }).id, "accepted", "right", clock);
    decideInvariant(root, "shop-go", (other as { id: string }).id, "rejected", "no", clock);
    const names = ((await loadProjectChecks(root, "shop-go")).invariants ?? []).map((i) => i.name);
    expect(names).toEqual(["orders are never stuck deleting"]);
  });

  it("has only the built-ins when a Go project declares nothing", async () => {
    const root = tempWorkspace([]);
    goProject(root);
    const judge = judgeChecks(await loadProjectChecks(root, "shop-go"));
    expect(judge.invariants.declared).toEqual([]);
    expect(judge.invariants.builtins.map((i) => i.name)).toEqual([
      "no object stuck terminating at convergence",
      "no controlled object outlives its owner",
    ]);
  });

  it("names the file and the field when checks.ts is malformed", async () => {
    const root = tempWorkspace([]);
    goProject(
      root,
      `export default { invariants: [{ name: "x", check: 3 }, { name: "x", check: () => [] }] };\n`,
    );
    const err = await loadProjectChecks(root, "shop-go").catch((e) => e);
    expect(isCtrlhuntError(err)).toBe(true);
    expect(err.code).toBe("CTRLHUNT_PROJECT_INVALID");
    expect(err.message).toContain("checks.ts: invariants[0].check: must be a function");
  });

  it("reports an invariant whose check throws as a check error, never as evidence", () => {
    const judge = judgeChecks({
      invariants: [
        {
          name: "boom",
          check: () => {
            throw new Error("bad check");
          },
        },
      ],
    });
    const [r] = checkInvariants(judge.invariants, viewOf([]));
    expect(r).toEqual({ invariant: "boom", builtin: false, violations: [], error: "bad check" });
  });

  it("lets a project turn a built-in off by name", () => {
    const judge = judgeChecks({ disableBuiltins: ["no object stuck terminating at convergence"] });
    expect(judge.invariants.builtins.map((i) => i.name)).toEqual(["no controlled object outlives its owner"]);
  });
});
