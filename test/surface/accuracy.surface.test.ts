import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mapProject } from "../../src/phases/map/index.ts";
import { expectedOperators, fetchOperator } from "./operators.ts";
import {
  add,
  CATEGORIES,
  type Category,
  emptyTally,
  pct,
  rates,
  scoreOperator,
  type Tally,
} from "./score.ts";

/** Targets of issue #14 (precision, recall) per category over the whole suite. */
const TARGETS: Record<Category, { precision: number; recall: number }> = {
  triggers: { precision: 0.98, recall: 0.98 },
  reads: { precision: 0.95, recall: 0.95 },
  writes: { precision: 0.95, recall: 0.95 },
  registration: { precision: 1, recall: 1 },
  sharedState: { precision: 0.8, recall: 0 },
};

// Type names that are never Kubernetes kinds; a map listing one invented it.
const NOT_KINDS =
  /\/(Object|ObjectReference|ObjectMeta|TypeMeta|Unstructured|UnstructuredList|PartialObjectMetadata|Interface|[A-Za-z]*Interface)$/;

const totals = Object.fromEntries(CATEGORIES.map((c) => [c, emptyTally()])) as Record<Category, Tally>;
const lines: string[] = [];

describe("surface map accuracy on real operators (hand-checked expected maps)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-surface-"));
  fs.mkdirSync(path.join(root, "projects"));

  for (const op of expectedOperators()) {
    it(`${op.name} ${op.version} (${op.style})`, async () => {
      const dir = await fetchOperator(op);
      const started = performance.now();
      const { map } = await mapProject({ root, project: op.name, goDir: dir });
      const seconds = (performance.now() - started) / 1000;
      const score = scoreOperator(map, op);
      lines.push(
        `${op.name} ${op.version}: ${map.controllers.length} controllers mapped in ${seconds.toFixed(1)} s`,
      );
      for (const c of CATEGORIES) {
        totals[c] = add(totals[c], score[c]);
        const r = rates(score[c]);
        lines.push(
          `  ${c.padEnd(12)} precision ${pct(r.precision).padStart(6)}  recall ${pct(r.recall).padStart(6)}` +
            `  (tp ${score[c].tp}, fp ${score[c].fp}, fn ${score[c].fn})`,
          ...score[c].misses.map((m) => `    missed: ${m}`),
          ...score[c].extras.map((m) => `    extra:  ${m}`),
        );
      }
      const ids = map.controllers.map((c) => c.id);
      expect(new Set(ids).size, "controller IDs are unique").toBe(ids.length);
      expect(map.controllers.filter((c) => !c.registered).map((c) => c.id)).toEqual([]);
      expect(map.kinds.map((k) => k.kind).filter((k) => NOT_KINDS.test(k))).toEqual([]);
    });
  }

  afterAll(() => {
    lines.push("suite:");
    for (const c of CATEGORIES) {
      const r = rates(totals[c]);
      lines.push(
        `  ${c.padEnd(12)} precision ${pct(r.precision).padStart(6)}  recall ${pct(r.recall).padStart(6)}`,
      );
    }
    console.log(lines.join("\n"));
  });

  it("meets the targets over the suite", () => {
    for (const c of CATEGORIES) {
      const r = rates(totals[c]);
      expect(r.precision, `${c} precision`).toBeGreaterThanOrEqual(TARGETS[c].precision);
      expect(r.recall, `${c} recall`).toBeGreaterThanOrEqual(TARGETS[c].recall);
    }
  });
});
