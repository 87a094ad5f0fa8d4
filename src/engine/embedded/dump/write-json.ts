import type { Dump } from "../../../formats/dump.ts";

/**
 * A dump as text the way Go's json.MarshalIndent writes it: 2-space indent, no trailing newline, and
 * `<`, `>`, `&`, U+2028, U+2029 escaped. Deterministic: key order is fixed by the builder.
 */
export function writeDumpJson(dump: Dump): string {
  return JSON.stringify(dump, null, 2)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** kamera's sanitize for dump file names (formats §2.2). */
export function sanitizeName(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return out === "" ? "scenario" : out;
}

/** `<sanitized name[/phase]>_<idx>.jsonl` */
export function dumpFileName(scenarioName: string, phase: string | undefined, idx: number): string {
  return `${sanitizeName(phase ? `${scenarioName}/${phase}` : scenarioName)}_${idx}.jsonl`;
}
