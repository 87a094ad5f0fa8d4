import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { citeStep } from "../../src/analysis/citations.ts";
import type { Citation } from "../../src/formats/citation.ts";
import type { Dump } from "../../src/formats/dump.ts";
import type { RunRecord } from "../../src/formats/run-record.ts";
import { summarizeDumpMetrics } from "../../src/formats/run-record.ts";
import { buildDump, obj } from "../fixtures/dumps/builder.ts";

/**
 * A temp workspace with one kamera-style project ("shop") whose scenario races two controllers:
 * OrderController and StockController write in either order and end in two different terminal states.
 */
export const PROJECT = "shop";

export function makeWorkspace(base = os.tmpdir()): string {
  const root = fs.mkdtempSync(path.join(base, "ctrlhunt-evidence-"));
  const proj = path.join(root, "projects", PROJECT);
  fs.mkdirSync(path.join(proj, "scenarios"), { recursive: true });
  fs.mkdirSync(path.join(root, "hypotheses"), { recursive: true });
  fs.mkdirSync(path.join(root, "evidence"), { recursive: true });
  fs.writeFileSync(
    path.join(proj, "project.json"),
    JSON.stringify({
      engine: "kamera",
      name: PROJECT,
      description: "toy shop",
      upstream: "example.com/shop@v1.2.3",
      harness: { command: "true" },
      controllers: ["OrderController", "StockController"],
    }),
  );
  fs.writeFileSync(path.join(proj, "scenarios", "k1_order-race.json"), JSON.stringify([scenario()], null, 2));
  return root;
}

export function scenario(): unknown {
  return {
    name: "k1/order-race",
    environmentState: { objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "order" } }] },
    tuning: { maxDepth: 40, permuteControllers: ["OrderController", "StockController"] },
  };
}

const order = (phase: string) => obj("ConfigMap", "order", { data: { phase } });
const stock = (n: string) => obj("ConfigMap", "stock", { data: { count: n } });

/** Two converged terminal states reached by the two orders of the race. */
export function raceDump(): Dump {
  return buildDump({
    name: "k1/order-race",
    invocationId: "inv-1",
    phase: "exploration",
    metrics: { uniqueNodeVisits: 6, totalNodeVisits: 8, uniqueResourceStates: 4, durationNs: 1000 },
    seed: [order("new")],
    states: [
      {
        paths: [
          [
            { controller: "OrderController", writes: [{ op: "UPDATE", object: order("reserved") }] },
            { controller: "StockController", writes: [{ op: "CREATE", object: stock("9") }] },
          ],
        ],
      },
      {
        paths: [
          [
            { controller: "StockController", writes: [{ op: "CREATE", object: stock("10") }] },
            { controller: "OrderController", writes: [{ op: "UPDATE", object: order("failed") }] },
          ],
        ],
      },
    ],
  });
}

/** Write the race dump outside the store (as an engine would into a temp dir). */
export function writeLooseDump(root: string, name = "race-0.jsonl"): string {
  const file = path.join(root, "tmp-out", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(raceDump(), null, 2)}\n`);
  return file;
}

export function runInput(dumpFile: string): RunRecord {
  return {
    runId: "engine-run-7",
    engine: "kamera",
    mode: "exploration",
    scenarioFile: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    command: ["harness", "--inputs", "k1_order-race.json"],
    invocationId: "inv-1",
    dumps: [dumpFile],
    metrics: summarizeDumpMetrics([raceDump()]),
    provenance: {
      ctrlhuntVersion: "0.1.0",
      scenarioSha256: "abc",
      targetCommit: "1234567890abcdef",
      targetDirty: false,
    },
    startedAt: "2026-03-01T10:00:00.000Z",
    durationMs: 1200,
    status: "ok",
  };
}

/** Citations of the last step of each terminal state's path 0, in a dump stored at `rel`. */
export function raceCitations(rel: string): Citation[] {
  const d = raceDump();
  return (d.states ?? []).map((s) => citeStep(rel, s, 0, 1, `terminal of ${s.id}`));
}
