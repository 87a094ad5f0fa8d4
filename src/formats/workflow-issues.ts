import type { z } from "zod";
import type { Issue } from "../errors/index.ts";

/**
 * Turning zod issues into `file:json.path: message` lines a scenario author can act on. The error map words
 * every zod issue kind; messages written on the schema itself (refinements, `.min(1, "…")`) take precedence.
 */

/** `[0].tuning.staleLookback["core/Pod"]`; the root is `$` so that every issue names a location. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(seg))) out += out === "" ? String(seg) : `.${String(seg)}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out === "" ? "$" : out;
}

/** Short description of a JSON value for messages: `string "abc"`, `number 1.5`, `object`, `null`. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "string") {
    const shown = v.length > 40 ? `${v.slice(0, 37)}...` : v;
    return `string ${JSON.stringify(shown)}`;
  }
  return `${typeof v} ${String(v)}`;
}

const typeNames: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean (true or false)",
  array: "an array",
  object: "an object",
  record: "an object",
};

function unsafeInteger(input: unknown): string | undefined {
  return typeof input === "number" && Number.isInteger(input) && !Number.isSafeInteger(input)
    ? `${input} is beyond the safe integer range ±9007199254740991 (JavaScript rounds it, so ctrlhunt cannot keep it exact)`
    : undefined;
}

function invalidType(expected: string, input: unknown): string {
  if (input === undefined) return `required field is missing (expected ${typeNames[expected] ?? expected})`;
  if (expected === "int") return unsafeInteger(input) ?? `expected an integer, got ${describeValue(input)}`;
  return `expected ${typeNames[expected] ?? expected}, got ${describeValue(input)}`;
}

function sizeWord(origin: string, n: number | bigint): string {
  if (origin === "array" || origin === "set") return `${n} ${n === 1 ? "entry" : "entries"}`;
  if (origin === "string") return `${n} ${n === 1 ? "character" : "characters"}`;
  return String(n);
}

function oneOf(values: readonly unknown[], input: unknown): string {
  const list = values.map((v) => JSON.stringify(v)).join(", ");
  const near =
    typeof input === "string"
      ? values.find((v) => typeof v === "string" && v.toLowerCase() === input.trim().toLowerCase())
      : undefined;
  const hint = near !== undefined ? ` (did you mean ${JSON.stringify(near)}?)` : "";
  if (input === undefined) return `required field is missing (one of ${list})`;
  return `must be one of ${list}; got ${describeValue(input)}${hint}`;
}

/** Per-parse zod error map: one clear sentence per issue kind. */
export const workflowErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      return invalidType(iss.expected, iss.input);
    case "invalid_value":
      return oneOf(iss.values, iss.input);
    case "too_small":
      if (unsafeInteger(iss.input)) return unsafeInteger(iss.input);
      if (iss.origin === "string" && Number(iss.minimum) === 1) return "must not be empty";
      return iss.origin === "number" || iss.origin === "int"
        ? `must be ${iss.inclusive ? "≥" : ">"} ${iss.minimum}, got ${describeValue(iss.input)}`
        : `must have at least ${sizeWord(iss.origin, iss.minimum)}`;
    case "too_big":
      if (unsafeInteger(iss.input)) return unsafeInteger(iss.input);
      return iss.origin === "number" || iss.origin === "int"
        ? `must be ${iss.inclusive ? "≤" : "<"} ${iss.maximum}, got ${describeValue(iss.input)}`
        : `must have at most ${sizeWord(iss.origin, iss.maximum)}`;
    case "invalid_format":
      return `must be a valid ${iss.format}, got ${describeValue(iss.input)}`;
    case "not_multiple_of":
      return `must be a multiple of ${iss.divisor}, got ${describeValue(iss.input)}`;
    case "unrecognized_keys":
      return `unknown field${iss.keys.length === 1 ? "" : "s"} ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_key":
      return `invalid key ${describeValue(iss.input)}${iss.issues[0] ? `: ${iss.issues[0].message}` : ""}`;
    case "invalid_element":
      return `invalid entry ${describeValue(iss.key)}${iss.issues[0] ? `: ${iss.issues[0].message}` : ""}`;
    case "invalid_union":
      return `does not match any allowed shape (got ${describeValue(iss.input)})`;
    default:
      return undefined;
  }
};

/** G1/G2 and Go-style (case-insensitive) spellings a missing key may have been written as. */
function missingKeyHint(parent: unknown, key: string): string {
  if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return "";
  const keys = Object.keys(parent);
  if (key === "opType" && keys.includes("type"))
    return ' (found G1 key "type": in externalInputs the field is opType; `ctrlhunt scenario migrate` rewrites it)';
  if (key === "type" && keys.includes("opType"))
    return ' (found "opType": userInputs is the G1 list; rename it to externalInputs or run `ctrlhunt scenario migrate`)';
  const near = keys.find((k) => k !== key && k.toLowerCase() === key.toLowerCase());
  return near
    ? ` (found ${JSON.stringify(near)}: kamera matches keys case-insensitively, ctrlhunt needs the exact name ${JSON.stringify(key)})`
    : "";
}

function at(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** zod issues → Issue list; `root` is the parsed JSON, used to add hints about misspelled keys. */
export function workflowIssues(issues: readonly z.core.$ZodIssue[], root: unknown, file?: string): Issue[] {
  return issues.map((iss) => {
    let message = iss.message;
    const last = iss.path[iss.path.length - 1];
    if ("input" in iss && iss.input === undefined && typeof last === "string")
      message += missingKeyHint(at(root, iss.path.slice(0, -1)), last);
    if (iss.code === "invalid_type" && iss.path.length === 0 && iss.expected === "array")
      message =
        `a workflow file is a JSON array of scenarios: ${message}` +
        (root !== null && typeof root === "object" && "name" in root ? " (wrap the scenario in [ ])" : "");
    return { file, path: jsonPath(iss.path), message, severity: "error" as const };
  });
}
