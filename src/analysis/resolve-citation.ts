import fs from "node:fs";
import path from "node:path";
import type { Citation } from "../formats/citation.ts";
import type { Dump } from "../formats/dump.ts";
import { type Resolution, resolveCitationIn, splitDumpId } from "./citations.ts";
import { readDumpFile } from "./read-dumps.ts";

/**
 * I/O edge of citation checking (used by the evidence lint): does the cited dump still exist, and does the cited
 * state/path/step/controller/hash still hold in it?
 */

type Loaded = { dumps: Array<{ line?: number; dump: Dump }>; problem?: string } | { missing: true };

function load(abs: string, cache?: Map<string, Loaded>): Loaded {
  const hit = cache?.get(abs);
  if (hit) return hit;
  let loaded: Loaded;
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) loaded = { missing: true };
  else {
    const r = readDumpFile(abs);
    loaded = { dumps: r.dumps, ...(r.problems.length ? { problem: r.problems[0].message } : {}) };
  }
  cache?.set(abs, loaded);
  return loaded;
}

function resolveWith(workspaceRoot: string, citation: Citation, cache?: Map<string, Loaded>): Resolution {
  const { file, line } = splitDumpId(citation.dump);
  const abs = path.resolve(workspaceRoot, file);
  const loaded = load(abs, cache);
  if ("missing" in loaded) return { ok: false, reason: `dump file missing: ${file}` };
  if (loaded.dumps.length === 0)
    return { ok: false, reason: `dump unreadable: ${file}: ${loaded.problem ?? "no documents"}` };
  const candidates = line === undefined ? loaded.dumps : loaded.dumps.filter((d) => d.line === line);
  if (candidates.length === 0) return { ok: false, reason: `no dump at line ${line} of ${file}` };
  // Without a line, a JSON Lines file is searched for the one document that holds the cited state.
  const holding = candidates.filter((d) => (d.dump.states ?? []).some((s) => s.id === citation.stateId));
  if (candidates.length > 1 && holding.length > 1)
    return {
      ok: false,
      reason: `ambiguous: ${holding.length} documents of ${file} hold state ${citation.stateId}; cite file#line`,
    };
  return resolveCitationIn((holding[0] ?? candidates[0]).dump, citation);
}

/** `{ ok: true }` when the citation still resolves, else the first reason it does not. */
export function resolveCitation(workspaceRoot: string, citation: Citation): Resolution {
  return resolveWith(workspaceRoot, citation);
}

/** Resolve many citations, reading each dump file once. */
export function resolveCitations(workspaceRoot: string, citations: ReadonlyArray<Citation>): Resolution[] {
  const cache = new Map<string, Loaded>();
  return citations.map((c) => resolveWith(workspaceRoot, c, cache));
}
