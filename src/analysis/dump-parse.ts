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

function collect(out: ParsedDumpText, r: DumpDoc | DumpProblem | undefined): void {
  if (r === undefined) out.notADump = true;
  else if ("dump" in r) out.docs.push(r);
  else out.problems.push(r);
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

export function parseDumpText(text: string): ParsedDumpText {
  const out: ParsedDumpText = { docs: [], problems: [], notADump: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    if (!looksLikeJsonLines(text)) {
      out.problems.push(syntaxProblem(text, e));
      return out;
    }
    const lines = text.split("\n");
    lines.forEach((l, i) => {
      if (l.trim() === "") return;
      try {
        collect(out, toDump(JSON.parse(l), i + 1));
      } catch (err) {
        out.problems.push(syntaxProblem(l, err, i + 1));
      }
    });
    // A dump line that fails mid-file is corrupt; only the last one can have been cut short.
    for (const p of out.problems) {
      const last = lines.length - (lines[lines.length - 1].trim() === "" ? 1 : 0);
      if (p.code === "CTRLHUNT_DUMP_TRUNCATED" && p.line !== last) {
        p.code = "CTRLHUNT_DUMP_INVALID";
        p.message = p.message.replace(/^truncated dump: the JSON ends early/, "corrupt dump line");
      }
    }
    out.notADump = out.notADump && out.docs.length === 0 && out.problems.length === 0;
    return out;
  }
  collect(out, toDump(raw));
  return out;
}
