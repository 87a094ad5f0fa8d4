import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineController, defineProject, exploreScenario, writeDumpJson } from "../../src/engine/index.ts";
import { Dump } from "../../src/formats/dump.ts";
import { type Scenario, WorkflowFile } from "../../src/formats/workflow.ts";

/**
 * Every verbatim kamera input fixture runs through a generic project whose controllers carry the ids the
 * scenario names and do nothing: the engine accepts every real tuning knob and writes valid dumps.
 */

const dir = "/work/shared/fixtures/kamera-inputs";
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];

function genericProject(s: Scenario) {
  const t = s.tuning ?? {};
  const ids = new Set<string>(["Echo", ...(t.permuteControllers ?? []), ...Object.keys(t.staleReads ?? {})]);
  for (const x of t.stalenessIntervals ?? []) ids.add(x.reconciler);
  for (const x of t.faultInjection ?? []) ids.add(x.reconciler);
  return defineProject({
    name: "generic",
    controllers: [...ids].map((id) =>
      defineController({ id, for: `ctrlhunt.test/${id.replace(/[^A-Za-z0-9]/g, "")}`, reconcile() {} }),
    ),
  });
}

describe.skipIf(files.length === 0)("kamera input fixtures", () => {
  it("explore every scenario of every fixture and produce parseable dumps", async () => {
    let scenarios = 0;
    for (const f of files) {
      const parsed = WorkflowFile.parse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
      for (const [i, s] of parsed.entries()) {
        const outs = await exploreScenario(genericProject(s), s, {
          mode: "exploration",
          runIndex: i,
          timeoutMs: 5000,
        });
        const mc = s.tuning?.search?.mode === "monte_carlo" || s.tuning?.search?.monteCarlo;
        expect(outs.length, `${f}#${i}`).toBe(mc ? (s.tuning?.search?.monteCarlo?.trials ?? 1) : 1);
        for (const o of outs) {
          expect(Dump.safeParse(JSON.parse(writeDumpJson(o.dump))).success).toBe(true);
          for (const st of o.dump.states ?? []) {
            // Without the harness's controllers, only actions on objects the harness would create can fail.
            if (st.error) expect(st.error, `${f}#${i}`).toMatch(/not found/);
          }
        }
        scenarios++;
      }
    }
    expect(scenarios).toBeGreaterThan(50);
  });

  it("a CREATE of a seeded object that was deleted meanwhile re-creates it (zookeeper stale-state-1)", async () => {
    const [s] = WorkflowFile.parse(
      JSON.parse(fs.readFileSync(path.join(dir, "zookeeper-operator-stale-state-1.json"), "utf8")),
    );
    const [out] = await exploreScenario(genericProject(s), s, { mode: "reference" });
    const st = out.dump.states?.[0];
    expect(st?.error).toBeUndefined();
    const actions = (st?.paths?.[0] ?? []).filter((x) => x.controllerId === "External User");
    expect(actions.map((x) => x.stepMetadata?.["userAction.type"])).toEqual(["DELETE", "CREATE"]);
  });
});
