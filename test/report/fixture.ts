import fs from "node:fs";
import path from "node:path";
import { type EvidenceStore, openEvidenceStore } from "../../src/evidence/index.ts";
import { INFERRED_LABEL } from "../../src/formats/records.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { makeWorkspace, PROJECT, raceCitations, runInput, writeLooseDump } from "../evidence/workspace.ts";

export const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1772409600" });

/**
 * A workspace with the records a real hunt leaves: a run, a confirmed finding (kept evidence), an observation,
 * a negative result, a retracted finding, hypotheses (one under F1, one standalone), a re-run and a surface map.
 */
export function richWorkspace(base?: string): { root: string; store: EvidenceStore } {
  const root = makeWorkspace(base);
  const store = openEvidenceStore(root, { clock });
  const loose = writeLooseDump(root);
  const run = store.recordRun(PROJECT, runInput(loose), [loose]);
  const citations = raceCitations(run.dumps[0]);
  store.addFinding(PROJECT, {
    title: "Order ends failed when StockController runs first",
    severity: "P1",
    status: "confirmed",
    dimensions: ["ordering"],
    hitRate: { k: 1, n: 2 },
    citations,
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    summary: "Two orderings of the same input end in two terminal states; one leaves the order failed.",
    mechanism: `${INFERRED_LABEL} OrderController reads the stock count without watching it.\n\nThe failed phase is written at step 1 of path 0 [C2].`,
    impact: "Permanent: the order stays failed until an operator edits it.",
    fix: "Watch core/ConfigMap stock and re-check before failing.",
    reproduction:
      "ctrlhunt explore shop projects/shop/scenarios/k1_order-race.json\nctrlhunt analyze states evidence/shop/runs/R1/dumps",
    runs: [run.runId],
    baselineHashes: citations.map((c) => c.contentsHash),
  });
  store.keepEvidence(PROJECT, "F1");
  store.addFinding(PROJECT, {
    title: "Transient conflict on first status write",
    severity: "P3",
    status: "observation",
    dimensions: ["ordering"],
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    whyNotABug: "The conflict is retried and both paths converge to the same state.",
    reproduction: "ctrlhunt explore shop k1_order-race.json",
  });
  store.addFinding(PROJECT, {
    title: "Stock never goes negative",
    severity: "P2",
    status: "negative",
    dimensions: ["staleness"],
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    whyNotABug: "Every stale window tried converged to one state. Do not re-explore without a new watch.",
    reproduction: "ctrlhunt explore shop k1_order-race.json",
  });
  store.addFinding(PROJECT, {
    title: "Orphaned stock after delete",
    severity: "P2",
    status: "confirmed",
    dimensions: ["ordering"],
    citations,
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    reproduction: "ctrlhunt explore shop k1_order-race.json",
  });
  store.retractFinding(PROJECT, "F4", { status: "false-positive", reason: "harness did not model GC" });
  store.addHypothesis(PROJECT, {
    claim: "A stale stock view makes OrderController fail the order",
    type: "staleness",
    targets: { controllers: ["OrderController"], kinds: ["core/ConfigMap"] },
    status: "unverified",
    parentFinding: "F1",
    toVerify: "a stalenessIntervals window on core/ConfigMap for OrderController",
  });
  store.addHypothesis(PROJECT, {
    claim: "A crash after the first write leaves stock unreserved",
    type: "fault-injection",
    targets: { controllers: ["StockController"], kinds: [] },
    status: "blocked",
    reason: "StockController writes once per reconcile: no crash window",
  });
  store.appendRerun(PROJECT, {
    date: "2026-03-05",
    whatChanged: "re-ran after harness update",
    commits: ["0123456789ab guard stock read"],
    metricsBefore: { uniqueNodeVisits: 6 },
    metricsAfter: { uniqueNodeVisits: 6 },
    verdicts: [{ finding: "F1", verdict: "still-reproduces", note: "2 states over 2 trials" }],
  });
  fs.writeFileSync(
    path.join(root, "projects", PROJECT, "surface-map.json"),
    JSON.stringify({
      project: PROJECT,
      source: "go",
      controllers: [
        {
          id: "OrderController",
          source: "internal/order.go",
          fidelity: "real",
          for: "core/ConfigMap",
          writes: [{ kind: "core/ConfigMap", op: "UPDATE", surface: "status", count: 1 }],
          writesPerReconcile: 1,
        },
        {
          id: "StockController",
          source: "internal/stock.go",
          fidelity: "real",
          for: "core/ConfigMap",
          owns: ["core/Secret"],
          writesPerReconcile: 2,
          writeOrder: ["CREATE core/ConfigMap", "UPDATE core/Secret"],
        },
      ],
      kinds: [],
      dataFlows: [{ links: [], text: "ConfigMap(order) → OrderController ⇒ ConfigMap(order)" }],
      multiWrites: [
        {
          controller: "StockController",
          writes: 2,
          crashWindows: 1,
          order: ["CREATE core/ConfigMap", "UPDATE core/Secret"],
        },
      ],
      vulnerabilityWindows: [
        {
          id: "W1",
          reader: "OrderController",
          kind: "core/ConfigMap",
          writers: ["StockController"],
          assumption: "stock is current",
          why: "no watch",
        },
      ],
    }),
  );
  return { root, store };
}
