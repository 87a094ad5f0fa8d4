import fs from "node:fs";
import YAML from "yaml";
import type { z } from "zod";
import { CtrlhuntError, formatPath } from "../errors/index.ts";
import { parseJsonText, sortKeysDeep } from "../formats/json-text.ts";
import { writeFileAtomic } from "./atomic.ts";

/** Records are YAML (`.yaml`/`.yml`) or JSON (anything else), validated by their zod schema on read and write. */
function isYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function parseRecordText(text: string, file: string): unknown {
  if (!isYaml(file)) return parseJsonText(text, file);
  try {
    return YAML.parse(text);
  } catch (e) {
    const err = e as { linePos?: Array<{ line: number; col: number }>; message: string };
    const pos = err.linePos?.[0];
    throw new CtrlhuntError(
      "CTRLHUNT_RECORD_INVALID",
      `${file}: malformed YAML: ${err.message.split("\n")[0]}`,
      {
        issues: [{ file, path: pos ? `${pos.line}:${pos.col}` : "", message: "malformed YAML" }],
      },
    );
  }
}

export function validateRecord<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const res = schema.safeParse(data);
  if (res.success) return res.data;
  const issues = res.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  throw new CtrlhuntError(
    "CTRLHUNT_RECORD_INVALID",
    `${file}: invalid record (${issues.length} problem(s))`,
    {
      issues,
    },
  );
}

export function readRecord<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  return validateRecord(schema, parseRecordText(fs.readFileSync(file, "utf8"), file), file);
}

export function readRecordIfExists<S extends z.ZodType>(schema: S, file: string): z.infer<S> | undefined {
  return fs.existsSync(file) ? readRecord(schema, file) : undefined;
}

/** Serialise with sorted keys so that regenerating a record is byte-identical. */
export function serializeRecord(value: unknown, file: string): string {
  const sorted = sortKeysDeep(value);
  return isYaml(file) ? YAML.stringify(sorted, { lineWidth: 0 }) : `${JSON.stringify(sorted, null, 2)}\n`;
}

export function writeRecord<S extends z.ZodType>(schema: S, file: string, value: z.infer<S>): z.infer<S> {
  const valid = validateRecord(schema, value, file);
  writeFileAtomic(file, serializeRecord(valid, file));
  return valid;
}
