import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { splitDumpId } from "../analysis/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import { uniqueCitations } from "../formats/citation.ts";
import { EvidenceManifest, type Finding } from "../formats/records.ts";
import { readRecordIfExists, relativeToWorkspace, writeRecord } from "../workspace/index.ts";
import type { StoreContext } from "./context.ts";
import { storePaths } from "./context.ts";
import { readFinding, updateFinding } from "./finding-store.ts";
import { copyFileAtomic, gzipFileAtomic } from "./files.ts";

function dumpBytes(file: string): Buffer {
  const raw = fs.readFileSync(file);
  return file.endsWith(".gz") ? gunzipSync(raw) : raw;
}

/** Run id of a dump stored under evidence/<project>/runs/<run-id>/…, if it is one. */
function runOf(relDump: string): string | undefined {
  return /(?:^|\/)runs\/([^/]+)\//.exec(relDump)?.[1];
}

/**
 * Keep the dumps a finding cites: gzip each (content-addressed: `<sha12>-<name>.gz`) into
 * evidence/<project>/evidence/<finding-id>/, record a manifest, and rewrite the citations to point there.
 * Idempotent: citations already pointing into the folder are left alone.
 */
export function keepEvidence(ctx: StoreContext, project: string, findingId: string): Finding {
  const dir = storePaths(ctx, project).kept(findingId);
  const manifestFile = path.join(dir, "manifest.json");
  const finding = readFinding(ctx, project, findingId);
  const manifest = readRecordIfExists(EvidenceManifest, manifestFile) ?? { finding: findingId, files: [] };
  const moved = new Map<string, string>();
  for (const c of finding.citations) {
    // A citation of one document in a JSON Lines file is `file#line`: the file is kept, the line carried over.
    const rel = splitDumpId(c.dump).file;
    const abs = path.resolve(ctx.root, rel);
    if (moved.has(rel) || abs.startsWith(dir + path.sep)) continue;
    if (!fs.existsSync(abs)) {
      throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `${findingId} cites ${rel}, which does not exist`);
    }
    const sha256 = createHash("sha256").update(dumpBytes(abs)).digest("hex");
    const name = `${sha256.slice(0, 12)}-${path.basename(rel).replace(/\.gz$/, "")}.gz`;
    const target = path.join(dir, name);
    if (!fs.existsSync(target)) {
      if (abs.endsWith(".gz")) copyFileAtomic(abs, target);
      else gzipFileAtomic(abs, target);
    }
    const file = relativeToWorkspace(ctx.root, target);
    moved.set(rel, file);
    if (!manifest.files.some((f) => f.file === file))
      manifest.files.push({ file, source: rel, sha256, run: runOf(rel) });
  }
  if (moved.size === 0) return finding;
  manifest.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  writeRecord(EvidenceManifest, manifestFile, manifest);
  return updateFinding(ctx, project, findingId, (f) => ({
    ...f,
    // A dump cited again by a later confirmation points at the same kept file now: cite its steps once.
    citations: uniqueCitations(
      f.citations.map((c) => {
        const { file, line } = splitDumpId(c.dump);
        const kept = moved.get(file);
        return kept ? { ...c, dump: line === undefined ? kept : `${kept}#${line}` } : c;
      }),
    ),
  }));
}
