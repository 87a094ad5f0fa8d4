import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { globSync, isDynamicPattern } from "tinyglobby";
import { CtrlhuntError } from "../errors/index.ts";

/**
 * I/O edge: which files a command's arguments name, and their text. Files, folders (recursive) and globs, many at
 * once; the result is sorted and de-duplicated so every analysis sees dumps in the same order.
 */

const DUMP_FILE = /\.(jsonl|json)(\.gz)?$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);

export interface InputFile {
  /** Absolute path. */
  file: string;
  /** Found by walking a folder or expanding a glob (non-dumps there are skipped quietly). */
  discovered: boolean;
}

function walk(dir: string, exclude: ReadonlySet<string>, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".") && !exclude.has(full)) walk(full, exclude, out);
    } else if (e.isFile() && DUMP_FILE.test(e.name)) out.push(full);
  }
}

/** Expand arguments into dump files. Unknown paths and empty globs are an error (a typo must not look partial). */
export function expandInputs(
  inputs: ReadonlyArray<string>,
  opts: { cwd: string; exclude?: string[] },
): InputFile[] {
  const exclude = new Set((opts.exclude ?? []).map((p) => path.resolve(opts.cwd, p)));
  const found = new Map<string, InputFile>();
  const missing: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    if (fs.existsSync(abs)) {
      if (fs.statSync(abs).isDirectory()) {
        const files: string[] = [];
        walk(abs, exclude, files);
        for (const f of files) if (!found.has(f)) found.set(f, { file: f, discovered: true });
      } else found.set(abs, { file: abs, discovered: false });
    } else if (isDynamicPattern(input)) {
      const files = globSync(input, { cwd: opts.cwd, absolute: true, onlyFiles: true });
      if (files.length === 0) missing.push(input);
      for (const f of files) if (!found.has(f)) found.set(f, { file: path.normalize(f), discovered: true });
    } else missing.push(input);
  }
  if (missing.length > 0) {
    throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `no such dump file or folder: ${missing.join(", ")}`, {
      issues: missing.map((m) => ({
        file: m,
        path: "",
        message: "no such dump file, folder or matching glob",
      })),
    });
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export type FileText = { ok: true; text: string } | { ok: false; truncated: boolean; message: string };

/** Read a dump file's text, gunzipping `.gz`; a cut-off gzip stream counts as truncated. */
export function readDumpFileText(file: string): FileText {
  const buf = fs.readFileSync(file);
  if (!/\.gz$/i.test(file)) return { ok: true, text: buf.toString("utf8") };
  try {
    return { ok: true, text: zlib.gunzipSync(buf).toString("utf8") };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const truncated = /unexpected end of file/i.test(msg);
    return { ok: false, truncated, message: `${truncated ? "truncated" : "corrupt"} gzip stream: ${msg}` };
  }
}
