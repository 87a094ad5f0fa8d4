import { CtrlhuntError } from "../errors/index.ts";
import { jsonErrorOffset } from "./json-syntax.ts";

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: offset - lastNl };
}

/**
 * JSON.parse that reports malformed input as `file:line:column: message` instead of a bare SyntaxError.
 * Node 20 reports "at position N"; empty and truncated input report the end of the text.
 */
export function parseJsonText(text: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // Our own scanner locates the error: Node's message does not always carry a position.
    const scanned = jsonErrorOffset(text);
    const m = /position (\d+)/.exec(msg);
    const offset = scanned >= 0 ? scanned : m ? Number(m[1]) : text.length;
    const { line, column } = lineColumn(text, offset);
    const reason = msg
      .replace(/( in JSON)? at position \d+.*$/s, "")
      .replace(/, .*is not valid JSON$/s, "")
      .replace(/^JSON\.parse: /, "");
    throw new CtrlhuntError(
      "CTRLHUNT_JSON_MALFORMED",
      `malformed JSON at line ${line}, column ${column}: ${reason}`,
      {
        issues: [{ file, path: `${line}:${column}`, message: `malformed JSON: ${reason}` }],
      },
    );
  }
}

/** Deterministic JSON: object keys sorted recursively (arrays keep their order). */
export function stableStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeysDeep(value), null, indent);
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort())
      out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
