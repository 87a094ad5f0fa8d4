import { formatPath } from "../errors/index.ts";
import { Dump } from "../formats/dump.ts";
import { lineColumn } from "../formats/json-text.ts";
import { normalizeDump } from "./dump-normalize.ts";

/**
 * Dump text → canonical dumps. A file is one indented JSON document (kamera's `*.jsonl` despite the name) or
 * true JSON Lines (one dump per line). Damage is data, not an exception: the batch goes on without it.
 */

export type DumpProblemCode = "CTRLHUNT_DUMP_TRUNCATED" | "CTRLHUNT_DUMP_INVALID";

export interface DumpProblem {
  code: DumpProblemCode;
  message: string;
  /** 1-based line of the document in a JSON Lines file. */
  line?: number;
  /** Dotted JSON path (schema problems) or `line:column` (syntax problems). */
  path?: string;
}

export interface DumpDoc {
  /** 1-based line in a JSON Lines file; absent for a whole-file document. */
  line?: number;
  dump: Dump;
}

export interface ParsedDumpText {
  docs: DumpDoc[];
  problems: DumpProblem[];
  /** Parsed fine but has no `states` key (a run record, a progress log…): not a dump at all. */
  notADump: boolean;
}

/** Where a JSON.parse error happened: Node reports "at position N", or only a snippet of the text around it. */
function errorOffset(text: string, msg: string): number | undefined {
  const m = /position (\d+)/.exec(msg);
  if (m) return Number(m[1]);
  // Node 20: `Unexpected token ';', ..."a"; "b"... is not valid JSON` — the snippet sits between `"`/`...` marks.
  const snippet = /, (?:\.\.\.|")([\s\S]*?)(?:\.\.\.|") is not valid JSON$/.exec(msg)?.[1];
  const at = snippet ? text.indexOf(snippet) : -1;
  return at >= 0 ? at : undefined;
}

function syntaxProblem(text: string, e: unknown, line?: number): DumpProblem {
  const msg = e instanceof Error ? e.message : String(e);
  const offset = errorOffset(text, msg);
  const truncated =
    /end of JSON input/.test(msg) || (offset !== undefined && offset >= text.trimEnd().length);
  const where = lineColumn(text, offset ?? text.length);
  const reason = msg
    .replace(/ in JSON at position \d+.*$/, "")
    .replace(/, (?:\.\.\.|")[\s\S]* is not valid JSON$/, "");
  return {
    code: truncated ? "CTRLHUNT_DUMP_TRUNCATED" : "CTRLHUNT_DUMP_INVALID",
    message: truncated
      ? `truncated dump: the JSON ends early (${reason} at line ${where.line})`
      : `corrupt dump: ${reason}${offset === undefined ? "" : ` at line ${where.line}, column ${where.column}`}`,
    ...(offset === undefined && !truncated ? {} : { path: `${where.line}:${where.column}` }),
    ...(line === undefined ? {} : { line }),
  };
}

const hasStatesKey = (raw: unknown): boolean =>
  raw !== null &&
  typeof raw === "object" &&
  !Array.isArray(raw) &&
  Object.keys(raw).some((k) => k.toLowerCase() === "states");

/** Validate one parsed document as a dump; undefined result means "not a dump" (no states key). */
function toDump(raw: unknown, line?: number): DumpDoc | DumpProblem | undefined {
  if (!hasStatesKey(raw)) return undefined;
  const parsed = Dump.safeParse(normalizeDump(raw));
  if (parsed.success) return { dump: parsed.data, ...(line === undefined ? {} : { line }) };
  const issue = parsed.error.issues[0];
  const path = formatPath(issue.path);
  const more = parsed.error.issues.length > 1 ? ` (+${parsed.error.issues.length - 1} more)` : "";
  return {
    code: "CTRLHUNT_DUMP_INVALID",
    message: `not a valid dump: ${path || "(root)"}: ${issue.message}${more}`,
    path,
    ...(line === undefined ? {} : { line }),
  };
}

/** True JSON Lines: the first non-blank line is a complete JSON object on its own. */
function looksLikeJsonLines(text: string): boolean {
  const first = text.split("\n").find((l) => l.trim() !== "");
  if (first === undefined || !first.trim().startsWith("{")) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/** One parsed document (`undefined` = parsed fine but not a dump), or the problem that stopped it. */
export type DumpParseItem = DumpDoc | DumpProblem | undefined;

/**
 * Documents of a dump file, one at a time (JSON Lines files can hold thousands of trials: each line is parsed
 * only when the consumer asks for it, so a streaming analysis holds one dump at a time).
 */
export function* parseDumpDocs(text: string): Generator<DumpParseItem> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    if (!looksLikeJsonLines(text)) {
      yield syntaxProblem(text, e);
      return;
    }
    const lines = text.split("\n");
    // Only the last line can have been cut short; a line failing mid-file is corrupt.
    let last = lines.length - 1;
    while (last > 0 && lines[last].trim() === "") last--;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(lines[i]);
      } catch (err) {
        const p = syntaxProblem(lines[i], err, i + 1);
        if (p.code === "CTRLHUNT_DUMP_TRUNCATED" && i !== last) {
          p.code = "CTRLHUNT_DUMP_INVALID";
          p.message = p.message.replace(/^truncated dump: the JSON ends early/, "corrupt dump line");
        }
        yield p;
        continue;
      }
      yield toDump(value, i + 1);
    }
    return;
  }
  yield toDump(raw);
}

/** All documents of a dump text at once (small files, citation checks). */
export function parseDumpText(text: string): ParsedDumpText {
  const out: ParsedDumpText = { docs: [], problems: [], notADump: false };
  for (const r of parseDumpDocs(text)) {
    if (r === undefined) out.notADump = true;
    else if ("dump" in r) out.docs.push(r);
    else out.problems.push(r);
  }
  // A JSON Lines file with some dumps is a dump file even if a line is something else.
  out.notADump = out.notADump && out.docs.length === 0 && out.problems.length === 0;
  return out;
}
