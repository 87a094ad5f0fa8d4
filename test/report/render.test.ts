import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintWorkspace, severityCounts } from "../../src/evidence/index.ts";
import { writeProjectReport, writeRollupReport } from "../../src/report/index.ts";
import { PROJECT } from "../evidence/workspace.ts";
import { richWorkspace } from "./fixture.ts";

const section = (doc: string, heading: string) => {
  const start = doc.indexOf(`\n${heading}`) + 1;
  const end = doc.indexOf("\n## ", start + heading.length);
  return doc.slice(start, end < 0 ? undefined : end);
};

describe("ANALYSIS.md", () => {
  it("states each confirmed finding's ID, title, severity, hit rate and resolving citations", async () => {
    const { root, store } = richWorkspace();
    const doc = (await writeProjectReport(root, PROJECT)).text;
    const f1 = store.readFinding(PROJECT, "F1");
    const s = section(doc, "## F1: ");
    expect(s).toContain("## F1: Order ends failed when StockController runs first — CONFIRMED");
    expect(s).toContain(
      "**Severity: P1** — permanent failure that needs manual intervention · Perturbation: ordering · Hit rate: 1 of 2 terminal states (50%)",
    );
    for (const c of f1.citations) {
      expect(c.dump).toMatch(/^evidence\/shop\/evidence\/F1\/.*\.jsonl\.gz$/);
      expect(s).toContain(`\`${c.dump}\` | ${c.stateId} | 0 | 1 | ${c.controllerId} | \`${c.contentsHash}\``);
    }
    expect(s).toMatch(
      /### Mechanism \(code analysis\)\n\n\[Inferred from code, not observed in trace\] OrderController/,
    );
    expect(s).toContain(
      "- **H1** (Unverified, staleness): A stale stock view makes OrderController fail the order",
    );
    expect(s).toContain("```mermaid\nflowchart LR");
    expect(s).toMatch(/\| `[0-9a-z]+` \| 1 \| 50% \| yes \|/);
    expect(s).toContain("ctrlhunt analyze states evidence/shop/runs/R1/dumps");
  });

  it("follows the spine: header, surface map, metrics, negatives, retracted, coverage, summary, artifacts", async () => {
    const { root } = richWorkspace();
    const doc = (await writeProjectReport(root, PROJECT)).text;
    expect(doc).toContain(
      "Upstream: example.com/shop@v1.2.3 · Revision: 1234567890ab (run R1) · Engine: kamera · Default depth: 40 · Controllers wired: OrderController, StockController",
    );
    expect(doc).toContain(
      "| OrderController | internal/order.go | real | For core/ConfigMap | 1/reconcile: UPDATE core/ConfigMap status |",
    );
    expect(doc).toContain(
      "- StockController: 2 writes, 1 crash window(s) (CREATE core/ConfigMap → UPDATE core/Secret)",
    );
    expect(doc).toContain(
      "1. W1: OrderController reads core/ConfigMap written by StockController — assumes stock is current (no watch)",
    );
    expect(doc).toContain("| k1\\_order-race.json | R1 | exploration | 6 | 8 | 4 | 2 | 0 | no (1.3×) |");
    expect(doc).toContain("## F2: Transient conflict on first status write — OBSERVATION");
    expect(section(doc, "## Negative results")).toContain("### F3: Stock never goes negative — NEGATIVE");
    expect(section(doc, "## Negative results")).toContain(
      "#### Why not a bug\n\nEvery stale window tried converged",
    );
    expect(section(doc, "## Retracted findings")).toContain(
      "| F4 | Orphaned stock after delete | FALSE POSITIVE | harness did not model GC | 2026-03-02 |",
    );
    expect(section(doc, "## Hypotheses")).toContain(
      "| H2 | A crash after the first write leaves stock unreserved | fault-injection | Blocked |",
    );
    expect(section(doc, "## Area Coverage Assessment")).toContain(
      "| OrderController | 1 run · F1 (P1) | H1 unverified | — | — | — | — |",
    );
    expect(section(doc, "## Area Coverage Assessment")).toContain(
      "| StockController | 1 run · F1 (P1) | — | H2 blocked | — | — | — |",
    );
    expect(section(doc, "## Summary")).toContain(
      "| F4 | Orphaned stock after delete | FALSE POSITIVE | P2 (not counted) |",
    );
    expect(section(doc, "## Artifact Index")).toContain(
      "| k1/order-race | `projects/shop/scenarios/k1_order-race.json` | — | evidence/shop/evidence/F1/, evidence/shop/runs/R1/dumps/ |",
    );
    expect(doc.endsWith("<!-- end of generated document -->\n")).toBe(true);
  });

  it("renders byte-identically from the same records, and keeps hand-written regions", async () => {
    const { root } = richWorkspace();
    const first = (await writeProjectReport(root, PROJECT)).text;
    expect((await writeProjectReport(root, PROJECT)).text).toBe(first);
    const file = path.join(root, "evidence", PROJECT, "ANALYSIS.md");
    const edited = first.replace(
      "<!-- hand:F1-notes:start -->\n",
      "<!-- hand:F1-notes:start -->\nAudit R-3: reproduced on kind.\n",
    );
    fs.writeFileSync(file, edited);
    const again = (await writeProjectReport(root, PROJECT)).text;
    expect(again).toBe(edited);
    expect(fs.readFileSync(file, "utf8")).toContain("Audit R-3: reproduced on kind.");
  });

  it("appends a new dated re-run section without rewriting the earlier one", async () => {
    const { root, store } = richWorkspace();
    const before = section((await writeProjectReport(root, PROJECT)).text, "## Re-runs");
    store.updateFinding(PROJECT, "F1", (f) => ({ ...f, title: "Renamed later" }));
    store.appendRerun(PROJECT, {
      date: "2026-03-05",
      whatChanged: "fixed the watch",
      verdicts: [{ finding: "F1", verdict: "no-longer-reproduces", note: "1 state" }],
    });
    const after = section((await writeProjectReport(root, PROJECT)).text, "## Re-runs");
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toContain("### Re-run (2026-03-05, #2)\n\nWhat changed: fixed the watch");
    expect(after).toContain("| F1 | no-longer-reproduces | 1 state |");
    expect(after).toContain("Resolved: F1");
  });

  it("refuses to render a confirmed finding it cannot back (CTRLHUNT_LINT_FAILED) and leaves the file alone", async () => {
    const { root, store } = richWorkspace();
    const file = path.join(root, "evidence", PROJECT, "ANALYSIS.md");
    const good = (await writeProjectReport(root, PROJECT)).text;
    store.updateFinding(PROJECT, "F1", (f) => ({
      ...f,
      citations: f.citations.map((c) => ({ ...c, stateId: "state-9" })),
    }));
    await expect(writeProjectReport(root, PROJECT)).rejects.toMatchObject({
      code: "CTRLHUNT_LINT_FAILED",
      issues: [
        expect.objectContaining({
          file: "evidence/shop/findings/F1.json",
          message: expect.stringContaining("state state-9 not in"),
        }),
        expect.objectContaining({ path: "citations[1]" }),
      ],
    });
    expect(fs.readFileSync(file, "utf8")).toBe(good);
  });
});

describe("escaping in generated documents", () => {
  it("keeps a title with | , backticks and <script> as text in headings and table rows", async () => {
    const { root, store } = richWorkspace();
    const title = "Stock | lost `twice` <script>alert(1)</script>\nsecond line";
    store.updateFinding(PROJECT, "F1", (f) => ({ ...f, title }));
    const escaped = "Stock \\| lost \\`twice\\` &lt;script&gt;alert(1)&lt;/script&gt;";
    const analysis = (await writeProjectReport(root, PROJECT)).text;
    const rollup = (await writeRollupReport(root)).text;
    for (const doc of [analysis, rollup]) expect(doc).not.toContain("<script>");
    expect(analysis).toContain(`## F1: ${escaped} second line — CONFIRMED`);
    const cells = (row: string) => row.split(/(?<!\\)\|/).length - 2;
    const summaryRow = analysis.split("\n").find((l) => l.startsWith("| F1 | Stock"));
    expect(summaryRow && cells(summaryRow)).toBe(4);
    expect(summaryRow).toContain(`${escaped}<br>second line`);
    const rollupRow = rollup.split("\n").find((l) => l.startsWith("| F1 |"));
    expect(rollupRow && cells(rollupRow)).toBe(4);
  });
});

describe("BUG-FINDINGS.md", () => {
  it("computes the overview from the records and passes the rollup lint", async () => {
    const { root, store } = richWorkspace();
    const doc = (await writeRollupReport(root)).text;
    const counts = severityCounts(store.listFindings(PROJECT));
    expect(counts).toEqual({ P0: 0, P1: 1, P2: 0, P3: 0 });
    expect(doc).toContain("| **shop** | 1 | 1×P1 | Explored (1 scenario file, 1 run) |");
    expect(doc).toContain("**Total confirmed bugs: 1** across 1 project(s) (+ 0 clean); 1×P1.");
    expect(doc).toContain(
      "| F1 | Order ends failed when StockController runs first (1 of 2 terminal states (50%)) | P1 | Ordering |",
    );
    expect(doc).not.toMatch(/\| F4 \|/);
    expect(lintWorkspace(root).issues).toEqual([]);
    store.addFinding(PROJECT, { ...store.readFinding(PROJECT, "F1"), title: "Second bug", severity: "P2" });
    expect(lintWorkspace(root).issues.map((i) => i.message)).toEqual([
      "shop: rollup says 1 (1×P1) but records say 2 (1×P1, 1×P2); run ctrlhunt rollup",
    ]);
    const again = (await writeRollupReport(root)).text;
    expect(again).toContain("| **shop** | 2 | 1×P1, 1×P2 | Explored (1 scenario file, 1 run) |");
    expect(lintWorkspace(root).issues).toEqual([]);
  });

  it("lists clean and unexplored projects with their status", async () => {
    const { root } = richWorkspace();
    fs.mkdirSync(path.join(root, "projects", "idle"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "projects", "idle", "project.json"),
      JSON.stringify({ engine: "kamera", harness: { command: "true" } }),
    );
    const doc = (await writeRollupReport(root)).text;
    expect(doc).toContain("| **idle** | 0 | — | Not yet explored |");
    expect(doc).toContain("## idle (0 bugs)");
  });
});
