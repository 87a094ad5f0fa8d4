import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { makeWorkspace, PROJECT, runInput, writeLooseDump } from "./workspace.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";

const env = { SOURCE_DATE_EPOCH: "1772409600" };

function withRun() {
  const root = makeWorkspace();
  const loose = writeLooseDump(root);
  const run = openEvidenceStore(root).recordRun(PROJECT, runInput(loose), [loose]);
  return { root, dump: run.dumps[0] };
}

const confirmArgs = (dump: string, cites = [`${dump}@state-0/0/end`, `${dump}@state-1/0/1`]) => [
  "finding",
  "add",
  PROJECT,
  "--status",
  "confirmed",
  "--severity",
  "P1",
  "--dimension",
  "ordering",
  "--hit-rate",
  "1/2",
  "--title",
  "Order ends failed | when <b>stock</b> runs first",
  "--scenario",
  `projects/${PROJECT}/scenarios/k1_order-race.json`,
  ...cites.flatMap((c) => ["--cite", c]),
  "--run",
  "R1",
  "--mechanism",
  "OrderController reads stock without a watch.",
];

describe("ctrlhunt finding", () => {
  it("adds a confirmed finding from dump references, keeps its evidence and pins the terminal hashes", async () => {
    const { root, dump } = withRun();
    const r = await runCli([...confirmArgs(dump), "--json"], { cwd: root, env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(f.id).toBe("F1");
    expect(
      f.citations.map((c: { controllerId: string; stepIndex: number }) => [c.controllerId, c.stepIndex]),
    ).toEqual([
      ["StockController", 1],
      ["OrderController", 1],
    ]);
    expect(f.citations[0].dump).toMatch(/^evidence\/shop\/evidence\/F1\/[0-9a-f]{12}-race-0\.jsonl\.gz$/);
    expect(f.baselineHashes).toHaveLength(2);
    expect(f.mechanism).toBe(
      "[Inferred from code, not observed in trace] OrderController reads stock without a watch.",
    );
    expect(f.reproduction).toBe(`ctrlhunt analyze states ${dump}`);
    const lint = await runCli(["lint", PROJECT], { cwd: root, env });
    expect(lint.stdout).toBe("evidence lint: ok (1 project(s), 1 finding(s), 0 hypothesis record(s))\n");
    expect(lint.code).toBe(0);
  });

  it("refuses to confirm with a citation that does not resolve, writing nothing", async () => {
    const { root, dump } = withRun();
    const bad = await runCli(confirmArgs(dump, [`${dump}@state-0/0/end`, `${dump}@state-9/0/1`]), {
      cwd: root,
      env,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`--cite: ${dump}: no state state-9\n`);
    const wrongHash = JSON.stringify({
      dump,
      stateId: "state-0",
      pathIndex: 0,
      stepIndex: 1,
      controllerId: "StockController",
      contentsHash: "nothash",
    });
    const r = await runCli([...confirmArgs(dump, []), "--cite-json", wrongHash], { cwd: root, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^citations\[0\]: hash mismatch: cited nothash, step 1 has \S+\n$/);
    expect(fs.existsSync(path.join(root, "evidence", PROJECT, "findings"))).toBe(false);
  });

  it("reports every bad flag on its own line", async () => {
    const { root } = withRun();
    const r = await runCli(
      ["finding", "add", PROJECT, "--severity", "P9", "--hit-rate", "3/2", "--dimension", "timing"],
      { cwd: root, env },
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      '--severity: "P9" is not one of P0, P1, P2, P3',
      '--dimension: "timing" is not one of ordering, staleness, fault-injection, user-action-timing, monte-carlo, pure-logic',
      '--hit-rate: "3/2" is not k/n with 0 ≤ k ≤ n, n ≥ 1',
    ]);
  });

  it("lists, shows and retracts; a retracted finding keeps its ID and is no longer counted", async () => {
    const { root, dump } = withRun();
    await runCli(confirmArgs(dump), { cwd: root, env });
    const obs = [
      "finding",
      "add",
      PROJECT,
      "--severity",
      "P3",
      "--title",
      "Extra reconcile",
      "--scenario",
      `projects/${PROJECT}/scenarios/k1_order-race.json`,
    ];
    expect((await runCli(obs, { cwd: root, env })).stdout).toBe(
      "F2 added (observation, P3, 0 citation(s))\n",
    );
    const list = await runCli(["finding", "list", PROJECT], { cwd: root, env });
    expect(list.stdout).toBe(
      "F1  P1  confirmed    1/2  Order ends failed | when <b>stock</b> runs first\nF2  P3  observation  -    Extra reconcile\n",
    );
    const show = await runCli(["finding", "show", PROJECT, "F1"], { cwd: root, env });
    expect(show.stdout).toContain("severity:     P1 (permanent failure that needs manual intervention)");
    const ret = await runCli(
      ["finding", "retract", PROJECT, "F1", "--reason", "watch gap", "--false-positive"],
      { cwd: root, env },
    );
    expect(ret.stdout).toBe("F1 false-positive: watch gap\n");
    expect((await runCli(["finding", "show", PROJECT, "F1", "--json"], { cwd: root, env })).stdout).toContain(
      '"previousStatus": "confirmed"',
    );
    const missing = await runCli(["finding", "show", PROJECT, "F9"], { cwd: root, env });
    expect([missing.code, missing.stderr]).toEqual([1, "error: finding F9 not found in project shop\n"]);
  });
});

describe("ctrlhunt lint", () => {
  it("prints file:path: message per problem and exits 1 on errors", async () => {
    const { root, dump } = withRun();
    await runCli(confirmArgs(dump), { cwd: root, env });
    const file = path.join(root, "evidence", PROJECT, "findings", "F1.json");
    const rec = JSON.parse(fs.readFileSync(file, "utf8"));
    rec.mechanism = "unlabelled analysis";
    rec.citations[1].stepIndex = 7;
    fs.writeFileSync(file, JSON.stringify(rec));
    const r = await runCli(["lint"], { cwd: root, env });
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      expect.stringMatching(
        /^evidence\/shop\/findings\/F1\.json:citations\[1\]: does not resolve in .*step 7 out of range/,
      ),
      expect.stringMatching(
        /^evidence\/shop\/findings\/F1\.json:mechanism: paragraph 1 is code analysis without the label/,
      ),
      "evidence lint: 2 error(s), 0 warning(s)",
      "",
    ]);
    const json = JSON.parse((await runCli(["lint", "--json"], { cwd: root, env })).stdout);
    expect(json.ok).toBe(false);
    expect(json.issues).toHaveLength(2);
  });

  it("has examples in every command's help", async () => {
    for (const cmd of [
      ["finding", "add"],
      ["finding", "list"],
      ["finding", "show"],
      ["finding", "retract"],
      ["finding", "keep"],
      ["lint"],
      ["report"],
      ["rollup"],
    ]) {
      const r = await runCli([...cmd, "--help"]);
      expect(r.code, cmd.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/Examples:\n\s+\$ ctrlhunt /);
    }
  });
});
