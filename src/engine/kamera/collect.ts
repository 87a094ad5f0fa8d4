import fs from "node:fs";
import path from "node:path";
import { isCtrlhuntError } from "../../errors/index.ts";
import { Dump } from "../../formats/dump.ts";
import { parseJsonText } from "../../formats/json-text.ts";

export interface CollectedDump {
  file: string;
  dump: Dump;
}

export interface QuarantinedDump {
  /** Where the file was moved: `<quarantineDir>/<name>`. */
  file: string;
  /** Where the harness wrote it. */
  original: string;
  reason: string;
}

export interface DumpCollection {
  dumps: CollectedDump[];
  quarantined: QuarantinedDump[];
  /** JSON files that are not dumps (no `states` key), left in place as kamera's readers do. */
  skipped: string[];
}

type Verdict = { kind: "dump"; dump: Dump } | { kind: "skip" } | { kind: "bad"; reason: string };

/** Judge one file's text: a dump, not a dump, or broken (truncated by a kill, malformed, wrong shape). */
export function judgeDumpText(text: string, file: string): Verdict {
  if (text.trim() === "") return { kind: "bad", reason: "empty file (truncated)" };
  let data: unknown;
  try {
    data = parseJsonText(text, file);
  } catch (e) {
    if (!isCtrlhuntError(e)) throw e;
    const truncated = /end of (JSON )?input|unterminated/i.test(e.message);
    return { kind: "bad", reason: truncated ? `truncated: ${e.message}` : e.message };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { kind: "bad", reason: "not a JSON object" };
  }
  if (!("states" in data)) return { kind: "skip" };
  const res = Dump.safeParse(data);
  if (!res.success) {
    const i = res.error.issues[0];
    return { kind: "bad", reason: `not a kamera dump: ${i.path.join(".")}: ${i.message}` };
  }
  return { kind: "dump", dump: res.data };
}

/** `dir/name`, or `dir/<stem>-2.jsonl` … when an earlier quarantined file has that name (never overwrite). */
function freePath(dir: string, name: string): string {
  const dot = name.lastIndexOf(".");
  let candidate = path.join(dir, name);
  for (let i = 2; fs.existsSync(candidate); i++)
    candidate = path.join(dir, `${name.slice(0, dot)}-${i}${name.slice(dot)}`);
  return candidate;
}

/**
 * Read every `*.jsonl` / `*.json` directly in `outputDir` (non-recursive, like kamera's directory readers).
 * Files that do not parse as dumps are moved to `quarantineDir`, so no later reader trips over them.
 */
export function collectDumps(outputDir: string, quarantineDir: string): DumpCollection {
  const out: DumpCollection = { dumps: [], quarantined: [], skipped: [] };
  if (!fs.existsSync(outputDir)) return out;
  const names = fs
    .readdirSync(outputDir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.jsonl?$/.test(e.name))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const file = path.join(outputDir, name);
    const verdict = judgeDumpText(fs.readFileSync(file, "utf8"), file);
    if (verdict.kind === "dump") out.dumps.push({ file, dump: verdict.dump });
    else if (verdict.kind === "skip") out.skipped.push(file);
    else {
      fs.mkdirSync(quarantineDir, { recursive: true });
      const moved = freePath(quarantineDir, name);
      fs.renameSync(file, moved);
      out.quarantined.push({ file: moved, original: file, reason: verdict.reason });
    }
  }
  return out;
}
