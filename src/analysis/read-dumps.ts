import fs from "node:fs";
import path from "node:path";
import type { Dump } from "../formats/dump.ts";
import { expandInputs } from "./dump-files.ts";
import { readDumpFileText } from "./dump-files.ts";
import { type DumpProblem, parseDumpDocs, parseDumpText } from "./dump-parse.ts";

/**
 * I/O edge that feeds every analysis: a generator over the dumps named by the arguments, one document at a time,
 * so streaming analyses keep only aggregates. Damaged files come out as problems and the batch goes on.
 */

/** Where a dump came from: `file` is relative to the base folder (the workspace root when there is one). */
export interface DumpRef {
  file: string;
  /** 1-based line for a dump inside a JSON Lines file. */
  line?: number;
}

/** The citation/display id of a dump: `file`, or `file#line` for one document of a JSON Lines file. */
export function dumpId(ref: DumpRef): string {
  return ref.line === undefined ? ref.file : `${ref.file}#${ref.line}`;
}

export type DumpItem =
  | { kind: "dump"; ref: DumpRef; abs: string; dump: Dump }
  | { kind: "problem"; ref: DumpRef; abs: string; problem: DumpProblem }
  | { kind: "skipped"; ref: DumpRef; abs: string; reason: string };

export interface ReadDumpsOptions {
  cwd: string;
  /** Folder that dump paths are reported relative to (default: cwd). */
  base?: string;
  /** Folders not to walk (e.g. the quarantine folder). */
  exclude?: string[];
}

/** Relative to the base when inside it; a dump outside the workspace keeps its absolute path. */
function rel(base: string, abs: string): string {
  const r = path.relative(base, abs);
  return r === "" || r.startsWith("..") || path.isAbsolute(r) ? abs : r.split(path.sep).join("/");
}

export function* readDumps(inputs: ReadonlyArray<string>, opts: ReadDumpsOptions): Generator<DumpItem> {
  const base = path.resolve(opts.base ?? opts.cwd);
  for (const input of expandInputs(inputs, { cwd: opts.cwd, exclude: opts.exclude })) {
    const abs = input.file;
    const file = rel(base, abs);
    const text = readDumpFileText(abs);
    if (!text.ok) {
      const code = text.truncated ? "CTRLHUNT_DUMP_TRUNCATED" : "CTRLHUNT_DUMP_INVALID";
      yield { kind: "problem", ref: { file }, abs, problem: { code, message: text.message } };
      continue;
    }
    let any = false;
    let notADump = false;
    for (const r of parseDumpDocs(text.text)) {
      if (r === undefined) {
        notADump = true;
        continue;
      }
      any = true;
      if ("dump" in r) yield { kind: "dump", ref: { file, line: r.line }, abs, dump: r.dump };
      else yield { kind: "problem", ref: { file, line: r.line }, abs, problem: r };
    }
    if (notADump && !any) {
      // A folder may hold run.json and other records beside the dumps; only a named file must be a dump.
      if (input.discovered)
        yield { kind: "skipped", ref: { file }, abs, reason: "not a dump (no states key)" };
      else {
        const problem: DumpProblem = {
          code: "CTRLHUNT_DUMP_INVALID",
          message: "not a dump: no `states` key",
        };
        yield { kind: "problem", ref: { file }, abs, problem };
      }
    }
  }
}

/** Read one dump file whole (for citation resolution and single-dump commands). */
export function readDumpFile(abs: string): {
  dumps: Array<{ line?: number; dump: Dump }>;
  problems: DumpProblem[];
} {
  const text = readDumpFileText(abs);
  if (!text.ok) {
    const code = text.truncated ? "CTRLHUNT_DUMP_TRUNCATED" : "CTRLHUNT_DUMP_INVALID";
    return { dumps: [], problems: [{ code, message: text.message }] };
  }
  const parsed = parseDumpText(text.text);
  const problems = [...parsed.problems];
  if (parsed.notADump && parsed.docs.length === 0)
    problems.push({ code: "CTRLHUNT_DUMP_INVALID", message: "not a dump: no `states` key" });
  return { dumps: parsed.docs, problems };
}

/** Move a damaged dump aside into `dir` (never overwriting); returns the new path. */
export function quarantineFile(abs: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const ext = /(\.jsonl?(\.gz)?)$/i.exec(abs)?.[1] ?? "";
  const stem = path.basename(abs).slice(0, path.basename(abs).length - ext.length);
  let target = path.join(dir, `${stem}${ext}`);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${stem}-${n}${ext}`);
  try {
    fs.renameSync(abs, target);
  } catch {
    // Across file systems rename fails: copy then remove.
    fs.copyFileSync(abs, target);
    fs.rmSync(abs);
  }
  return target;
}
