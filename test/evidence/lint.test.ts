import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasErrors, lintWorkspace, openEvidenceStore } from "../../src/evidence/index.ts";
import { formatIssue } from "../../src/errors/index.ts";
import { INFERRED_LABEL } from "../../src/formats/records.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { makeWorkspace, PROJECT, raceCitations, runInput, writeLooseDump } from "./workspace.ts";

const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1772409600" });

/** A workspace holding one run and one confirmed, cited, labelled finding (lint-clean). */
function cleanWorkspace() {
  const root = makeWorkspace();
  const store = openEvidenceStore(root, { clock });
  const loose = writeLooseDump(root);
  const run = store.recordRun(PROJECT, runInput(loose), [loose]);
  const f = store.addFinding(PROJECT, {
    title: "Order ends failed when StockController runs first",
    severity: "P1",
    status: "confirmed",
    dimensions: ["ordering"],
    hitRate: { k: 1, n: 2 },
    citations: raceCitations(run.dumps[0]),
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    mechanism: `${INFERRED_LABEL} OrderController reads stock without a watch.\n\nThe failed phase is written at step 1 [C2].`,
    reproduction: "ctrlhunt explore shop k1_order-race.json",
    runs: [run.runId],
  });
  return { root, store, run, f };
}

const lines = (root: string) => lintWorkspace(root).issues.map(formatIssue);

describe("evidence lint", () => {
  it("passes a confirmed finding whose citations resolve and whose mechanism is labelled", () => {
    const { root } = cleanWorkspace();
    expect(lines(root)).toEqual([]);
  });

  it("catches a citation that does not resolve in the stored dump", () => {
    const { root, store, f } = cleanWorkspace();
    store.updateFinding(PROJECT, f.id, (x) => ({
      ...x,
      citations: [{ ...x.citations[0], contentsHash: "deadbeefdeadbeef" }],
      mechanism: INFERRED_LABEL,
    }));
    const report = lintWorkspace(root);
    expect(hasErrors(report.issues)).toBe(true);
    expect(report.issues.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^evidence\/shop\/findings\/F1\.json:citations\[0\]: does not resolve in .*hash mismatch: cited deadbeefdeadbeef/,
      ),
    ]);
  });

  it("refuses a confirmed finding without citations and one citing a dump outside the store", () => {
    const { root, store, f } = cleanWorkspace();
    store.updateFinding(PROJECT, f.id, (x) => ({ ...x, citations: [], mechanism: INFERRED_LABEL }));
    expect(lines(root)).toEqual([
      expect.stringMatching(/F1\.json:citations: confirmed without trace evidence/),
    ]);
    store.updateFinding(PROJECT, f.id, (x) => ({
      ...x,
      citations: [{ ...raceCitations("tmp-out/race-0.jsonl")[0] }],
    }));
    expect(lines(root)).toEqual([
      expect.stringMatching(/citations\[0\]\.dump: tmp-out\/race-0\.jsonl is not a stored dump/),
    ]);
  });

  it("catches code analysis without the inferred label, and [Cn] references that do not exist", () => {
    const { root, store, f } = cleanWorkspace();
    store.updateFinding(PROJECT, f.id, (x) => ({
      ...x,
      mechanism: "The reconciler ignores the stock level.\n\nSee [C7].",
    }));
    expect(lines(root)).toEqual([
      expect.stringMatching(
        /F1\.json:mechanism: paragraph 1 is code analysis without the label "\[Inferred from code, not observed in trace\]"/,
      ),
      expect.stringMatching(
        /F1\.json:mechanism: paragraph 2 cites \[C7\] but the finding has 2 citation\(s\)/,
      ),
    ]);
  });

  it("needs a reason or citations for every decided hypothesis, and a valid status", () => {
    const { root, store } = cleanWorkspace();
    const h = store.addHypothesis(PROJECT, {
      claim: "Stock before order fails it",
      type: "ordering",
      targets: { controllers: ["StockController"], kinds: [] },
      status: "unverified",
    });
    store.updateHypothesis(PROJECT, h.id, (x) => ({ ...x, status: "refuted" }));
    const file = path.join(root, "hypotheses", PROJECT, "H2.yaml");
    fs.writeFileSync(file, "id: H2\nclaim: x\ntype: ordering\ntargets: {controllers: []}\nstatus: maybe\n");
    const out = lines(root);
    expect(out).toContainEqual(
      expect.stringMatching(/^hypotheses\/shop\/H1\.yaml:reason: status refuted needs a reason or citations/),
    );
    expect(out).toContainEqual(expect.stringMatching(/^hypotheses\/shop\/H2\.yaml:status: /));
  });

  it("catches rollup severity counts that disagree with the records, and retracted findings still listed", () => {
    const { root, store } = cleanWorkspace();
    const rollup = path.join(root, "evidence", "BUG-FINDINGS.md");
    const doc = (count: string, dist: string) =>
      `# Bug Findings Summary\n\n## Overview\n\n| Project | Confirmed Bugs | Severity Distribution | Status |\n|---|---|---|---|\n| **shop** | ${count} | ${dist} | Explored |\n\n## shop (1 bugs)\n\n| ID | Description | Severity | Perturbation |\n|---|---|---|---|\n| F1 | x | P1 | Ordering |\n`;
    fs.writeFileSync(rollup, doc("1", "1×P1"));
    expect(lines(root)).toEqual([]);
    fs.writeFileSync(rollup, doc("2", "1×P1, 1×P2"));
    expect(lines(root)).toEqual([
      "evidence/BUG-FINDINGS.md:7: shop: rollup says 2 (1×P1, 1×P2) but records say 1 (1×P1); run ctrlhunt rollup",
    ]);
    fs.writeFileSync(rollup, doc("1", "1×P1"));
    store.retractFinding(PROJECT, "F1", { reason: "harness watch gap" });
    expect(lines(root)).toEqual([
      "evidence/BUG-FINDINGS.md:7: shop: rollup says 1 (1×P1) but records say 0 (—); run ctrlhunt rollup",
      "evidence/BUG-FINDINGS.md:13: shop F1 is retracted but the rollup still lists it",
    ]);
    expect(lintWorkspace(root, { checkRollup: false }).issues).toEqual([]);
  });
});
