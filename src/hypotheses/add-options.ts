import type { z } from "zod";
import { CtrlhuntError, formatPath, type Issue } from "../errors/index.ts";
import { HypothesisParameters, Predicate } from "../formats/hypothesis-parameters.ts";
import { HypothesisType } from "../formats/records.ts";
import type { NewHypothesisInput } from "./add.ts";

/** Raw `hypothesis add` flags as commander gives them. */
export interface AddFlags {
  claim: string;
  type: string;
  scenario: string;
  scenarioName?: string;
  controllers?: string;
  kinds?: string;
  param?: string[];
  predicate?: string[];
}

const list = (s?: string) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** `key=value`; the value is JSON when it parses (numbers, objects), else a string. */
function parseParams(pairs: readonly string[], issues: Issue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      issues.push({ path: "--param", message: `"${pair}" is not key=value (e.g. --param staleAt=4)` });
      continue;
    }
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      /* a plain string */
    }
    out[pair.slice(0, eq)] = value;
  }
  return out;
}

const zodIssues = (flag: string, e: z.ZodError): Issue[] =>
  e.issues.map((i) => ({
    path: `${flag}${i.path.length ? `.${formatPath(i.path)}` : ""}`,
    message: i.message,
  }));

/** Flags → a validated new-hypothesis input, or CTRLHUNT_USAGE with one issue per bad flag. */
export function parseAddFlags(f: AddFlags): NewHypothesisInput {
  const issues: Issue[] = [];
  const type = HypothesisType.safeParse(f.type);
  if (!type.success)
    issues.push({
      path: "--type",
      message: `unknown type "${f.type}"; one of: ${HypothesisType.options.join(", ")}`,
    });
  const params = HypothesisParameters.safeParse(parseParams(f.param ?? [], issues));
  if (!params.success) issues.push(...zodIssues("--param", params.error));
  const predicates = (f.predicate ?? []).flatMap((text, i) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      issues.push({
        path: `--predicate[${i}]`,
        message: `not JSON: ${text} (e.g. '{"op":"exists","kind":"core/ConfigMap","namespace":"default","name":"app"}')`,
      });
      return [];
    }
    const p = Predicate.safeParse(json);
    if (!p.success) issues.push(...zodIssues(`--predicate[${i}]`, p.error));
    return p.success ? [p.data] : [];
  });
  if (f.claim.trim() === "") issues.push({ path: "--claim", message: "the claim must not be empty" });
  if (issues.length > 0 || !type.success || !params.success)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "invalid hypothesis", { issues, exitCode: 1 });
  return {
    claim: f.claim.trim(),
    type: type.data,
    controllers: list(f.controllers),
    kinds: list(f.kinds),
    scenario: f.scenario,
    ...(f.scenarioName ? { scenarioName: f.scenarioName } : {}),
    ...(Object.keys(params.data).length ? { parameters: params.data } : {}),
    ...(predicates.length ? { predicates } : {}),
  };
}
