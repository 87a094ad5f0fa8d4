import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMask, parseMasks } from "../../src/analysis/index.ts";
import { stableStringify } from "../../src/formats/json-text.ts";
import type { Dump } from "../../src/formats/dump.ts";

export const REPO = path.resolve(import.meta.dirname, "../..");
export const LAUNCHER = path.join(REPO, "harness/kamera/kamera-harness.mjs");

/** Each Go target, its TypeScript twin and the scenario files both run (CI-sized). */
export const TWINS = [
  {
    go: "kratix-lite-go",
    ts: "kratix-lite",
    scenario: "projects/kratix-lite-go/scenarios/k5_work-placement-status-race.json",
  },
  {
    go: "toggle-race-go",
    ts: "toggle-race",
    scenario: "projects/toggle-race-go/scenarios/t1_toggle-owner-race.json",
  },
] as const;

/** Build the Go targets (a no-op link when nothing changed); throws with go's exit status otherwise. */
export function buildHarnesses(): void {
  const dirs = TWINS.map((t) => path.join(REPO, "projects", t.go));
  const r = spawnSync(process.execPath, [LAUNCHER, "--build", ...dirs], {
    encoding: "utf8",
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error(`building the kamera harnesses failed (exit ${r.status})`);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ctrlhunt-kamera-${prefix}-`));
}

/** kamera's tracing labels (discrete.events/…): instrumentation, not a controller's decision. */
function dropKameraLabels(obj: Record<string, unknown>): void {
  const meta = obj.metadata as { labels?: Record<string, string> } | undefined;
  if (!meta?.labels) return;
  for (const k of Object.keys(meta.labels)) if (k.startsWith("discrete.events/")) delete meta.labels[k];
  if (Object.keys(meta.labels).length === 0) delete meta.labels;
}

const MASK = parseMasks(["default"]);

/**
 * The converged terminal outcomes of dumps, as comparable strings: every object of the state after the default
 * judging masks, without kamera's tracing labels, sorted.
 */
export function convergedOutcomes(dumps: ReadonlyArray<Dump>): Set<string> {
  const out = new Set<string>();
  for (const d of dumps) {
    const table = new Map((d.objects ?? []).map((o) => [o.hash.Value, o.object]));
    for (const s of d.states ?? []) {
      if (s.error) continue;
      const objects = (s.state.contents.objects ?? []).map((ov) => {
        const masked = applyMask(table.get(ov.hash.Value), MASK) as Record<string, unknown>;
        dropKameraLabels(masked);
        return stableStringify(masked);
      });
      out.add(objects.sort().join("\n"));
    }
  }
  return out;
}
