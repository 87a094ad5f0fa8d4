import fs from "node:fs";
import path from "node:path";
import { splitDumpId } from "../analysis/index.ts";
import type { Citation } from "../formats/citation.ts";
import { Finding, Hypothesis } from "../formats/records.ts";
import { RunRecord } from "../formats/run-record.ts";
import { idsInFolder, readRecord, writeRecord } from "../workspace/index.ts";
import { locked, type StoreContext, storePaths } from "./context.ts";
import { gzipFileAtomic } from "./files.ts";

/** `runs/<id>/dumps/x.jsonl` → `…x.jsonl.gz` when the compressed copy exists. */
function compressedName(root: string, rel: string): string | undefined {
  if (!/(?:^|\/)runs\/[^/]+\/dumps\/[^/]+\.jsonl?$/.test(rel)) return undefined;
  return fs.existsSync(path.resolve(root, `${rel}.gz`)) ? `${rel}.gz` : undefined;
}

function recite(root: string, cs: readonly Citation[]): { citations: Citation[]; changed: boolean } {
  let changed = false;
  const citations = cs.map((c) => {
    const { file, line } = splitDumpId(c.dump);
    const gz = compressedName(root, file);
    if (!gz) return c;
    changed = true;
    return { ...c, dump: line === undefined ? gz : `${gz}#${line}` };
  });
  return { citations, changed };
}

/**
 * Gzip every run dump of a project in place (indented dumps shrink ~20×) and point run records and citations at
 * the compressed files; the analysis reads `.gz` transparently. Crash-safe in this order: compressed copy written
 * atomically → records rewritten → plain file removed; running it again finishes an interrupted pass.
 */
export function compressRunDumps(
  ctx: StoreContext,
  project: string,
): { files: number; before: number; after: number } {
  const p = storePaths(ctx, project);
  return locked(ctx, () => {
    const stats = { files: 0, before: 0, after: 0 };
    const plain: string[] = [];
    for (const id of idsInFolder(p.runs)) {
      const runFile = path.join(p.runDir(id), "run.json");
      if (!fs.existsSync(runFile)) continue;
      const run = readRecord(RunRecord, runFile);
      const dumps = run.dumps.map((rel) => {
        const abs = path.resolve(ctx.root, rel);
        if (rel.endsWith(".gz")) {
          // An interrupted earlier pass may have left the plain file behind.
          const left = abs.slice(0, -".gz".length);
          if (fs.existsSync(left)) plain.push(left);
          return rel;
        }
        if (!fs.existsSync(abs)) return rel;
        if (!fs.existsSync(`${abs}.gz`)) gzipFileAtomic(abs, `${abs}.gz`);
        stats.files++;
        stats.before += fs.statSync(abs).size;
        stats.after += fs.statSync(`${abs}.gz`).size;
        plain.push(abs);
        return `${rel}.gz`;
      });
      if (dumps.some((d, i) => d !== run.dumps[i])) {
        const errors = run.reconcileErrors?.map((e) => ({
          ...e,
          citation: { ...e.citation, dump: dumps[run.dumps.indexOf(e.citation.dump)] ?? e.citation.dump },
        }));
        writeRecord(RunRecord, runFile, { ...run, dumps, ...(errors ? { reconcileErrors: errors } : {}) });
      }
    }
    for (const id of idsInFolder(p.hypotheses)) {
      const file = p.hypothesisFile(id);
      const h = readRecord(Hypothesis, file);
      const r = recite(ctx.root, h.citations);
      if (r.changed) writeRecord(Hypothesis, file, { ...h, citations: r.citations });
    }
    for (const id of idsInFolder(p.findings)) {
      const file = p.findingFile(id);
      const f = readRecord(Finding, file);
      const r = recite(ctx.root, f.citations);
      if (r.changed) writeRecord(Finding, file, { ...f, citations: r.citations });
    }
    for (const abs of plain) fs.rmSync(abs, { force: true });
    return stats;
  });
}
