import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";

/** kro-lite hunted with its planted crash bug, then the project switched to the fixed model and re-run. */
describe("a re-run after the fix (kro-lite → fixed model, hunt --from rerun)", () => {
  let root: string;
  let rerun: { code: number; stdout: string; stderr: string };
  const env = { SOURCE_DATE_EPOCH: "1767225600" };
  beforeAll(async () => {
    root = tempWorkspace(["kro-lite"]);
    const first = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"], { env });
    expect(first.code, first.stderr).toBe(0);
    fs.writeFileSync(
      path.join(root, "projects/kro-lite/project.ts"),
      'import { kroLite } from "./model/index.ts";\n\nexport default kroLite("fixed");\n',
    );
    // A fresh process, as a user re-runs after editing the code (this one has the buggy model loaded).
    const r = spawnSync(
      process.execPath,
      [BIN, "hunt", "kro-lite", "--workspace", root, "--from", "rerun", "--json"],
      {
        env: { ...process.env, ...env },
        encoding: "utf8",
      },
    );
    rerun = { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  }, 240_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("marks the finding fixed, and the summary, ANALYSIS.md and BUG-FINDINGS.md count it fixed, not open", () => {
    expect(rerun.code, rerun.stderr).toBe(0);
    const store = openEvidenceStore(root);
    const [rec] = store.listReruns("kro-lite").slice(-1);
    const gone = rec?.section.verdicts.filter((v) => v.verdict === "no-longer-reproduces") ?? [];
    expect(gone.map((v) => v.finding)).toEqual(["F1"]);
    const f = store.readFinding("kro-lite", "F1");
    expect(f.status).toBe("confirmed");
    expect(f.fixedIn).toMatchObject({ rerun: rec?.key });
    const summary = JSON.parse(rerun.stdout);
    expect(summary.findings.fixed).toBe(1);
    expect(summary.findings.confirmed).toBeUndefined();
    expect(summary.confirmed).toEqual([]);
    const analysis = fs.readFileSync(path.join(root, "evidence/kro-lite/ANALYSIS.md"), "utf8");
    expect(analysis).toContain(`FIXED (re-run ${rec?.key}`);
    expect(analysis).toContain("P1 (not counted)");
    const rollup = fs.readFileSync(path.join(root, "evidence/BUG-FINDINGS.md"), "utf8");
    expect(rollup).toContain("**Total confirmed bugs: 0**");
  });

  it("shows the finding as fixed, with its re-run, in finding list and finding show", async () => {
    const list = await runCli(["finding", "list", "kro-lite", "--workspace", root]);
    expect(list.stdout).toMatch(/^F1\s+P1\s+fixed\s/m);
    const show = await runCli(["finding", "show", "kro-lite", "F1", "--workspace", root]);
    expect(show.stdout).toMatch(/^fixed: {8}re-run \S+/m);
  });

  it("files no negative finding contradicting the fixed one for the same hypothesis", () => {
    const findings = openEvidenceStore(root).listFindings("kro-lite");
    const fixedBy = findings.find((f) => f.id === "F1")?.hypothesis;
    expect(fixedBy).toBeDefined();
    expect(findings.filter((f) => f.status === "negative" && f.hypothesis === fixedBy)).toEqual([]);
    expect(openEvidenceStore(root).readHypothesis("kro-lite", fixedBy ?? "").status).toBe("refuted");
    const negatives = findings.filter((f) => f.status === "negative");
    for (const n of negatives) expect(n.whyNotABug ?? "").not.toContain(`${fixedBy} (`);
  });
});
