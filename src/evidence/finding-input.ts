import { CtrlhuntError, formatPath, type Issue } from "../errors/index.ts";
import { Citation } from "../formats/citation.ts";
import { Dimension, FindingStatus, HitRate, INFERRED_LABEL, Severity } from "../formats/records.ts";
import type { NewFinding } from "./finding-store.ts";

/** `finding add` flags as commander hands them over (strings and string lists). */
export interface FindingFlags {
  title?: string;
  severity?: string;
  status?: string;
  dimension?: string[];
  hitRate?: string;
  scenario?: string;
  variant?: string;
  hypothesis?: string;
  cite?: string[];
  citeJson?: string[];
  summary?: string;
  mechanism?: string;
  impact?: string;
  fix?: string;
  whyNotABug?: string;
  reproduction?: string;
  run?: string[];
  baselineHash?: string[];
}

/** A citation by position (`DUMP@STATE/PATH/STEP`); controller and hash are read from the dump. */
export interface CitationRef {
  dump: string;
  stateId: string;
  pathIndex: number;
  /** -1 = the terminal state itself; "end" = the path's last step. */
  stepIndex: number | "end";
}

const REF = /^(.+)@([^/@]+)\/(\d+)\/(-1|\d+|end)$/;

export function parseCitationRef(text: string): CitationRef | undefined {
  const m = REF.exec(text.trim());
  if (!m) return undefined;
  return {
    dump: m[1],
    stateId: m[2],
    pathIndex: Number(m[3]),
    stepIndex: m[4] === "end" ? "end" : Number(m[4]),
  };
}

/** Label each paragraph of code analysis as inferred unless it already is, or cites a trace step as [Cn]. */
export function labelInferred(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p.includes(INFERRED_LABEL) || /\[C\d+\]/.test(p) || p.trim() === ""
        ? p
        : `${INFERRED_LABEL} ${p.trim()}`,
    )
    .join("\n\n");
}

function parseEnum<T extends string>(
  values: readonly T[],
  flag: string,
  v: string,
  issues: Issue[],
): T | undefined {
  if ((values as readonly string[]).includes(v)) return v as T;
  issues.push({ path: flag, message: `"${v}" is not one of ${values.join(", ")}` });
  return undefined;
}

/**
 * Turn flags (over an optional `--from` record) into a finding draft plus the citation refs still to resolve.
 * Pure; every problem is reported at once as `--flag: message`.
 */
export function parseFindingFlags(
  flags: FindingFlags,
  base: Record<string, unknown> = {},
): { draft: Partial<NewFinding>; refs: CitationRef[] } {
  const issues: Issue[] = [];
  const draft: Record<string, unknown> = { ...base };
  const set = (k: string, v: unknown) => {
    if (v !== undefined) draft[k] = v;
  };
  set("title", flags.title);
  if (flags.severity) set("severity", parseEnum(Severity.options, "--severity", flags.severity, issues));
  if (flags.status) set("status", parseEnum(FindingStatus.options, "--status", flags.status, issues));
  if (flags.dimension?.length) {
    const dims = flags.dimension
      .flatMap((d) => d.split(","))
      .map((d) => d.trim())
      .filter(Boolean);
    set(
      "dimensions",
      dims.map((d) => parseEnum(Dimension.options, "--dimension", d, issues)),
    );
  }
  if (flags.hitRate) {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(flags.hitRate);
    const hr = m ? HitRate.safeParse({ k: Number(m[1]), n: Number(m[2]) }) : undefined;
    if (hr?.success && hr.data.k <= hr.data.n) set("hitRate", hr.data);
    else issues.push({ path: "--hit-rate", message: `"${flags.hitRate}" is not k/n with 0 ≤ k ≤ n, n ≥ 1` });
  }
  for (const k of [
    "scenario",
    "variant",
    "hypothesis",
    "summary",
    "impact",
    "fix",
    "whyNotABug",
    "reproduction",
  ] as const)
    set(k, flags[k]);
  if (flags.mechanism) set("mechanism", labelInferred(flags.mechanism));
  if (flags.run?.length) set("runs", flags.run);
  if (flags.baselineHash?.length) set("baselineHashes", flags.baselineHash);
  const refs: CitationRef[] = [];
  for (const c of flags.cite ?? []) {
    const ref = parseCitationRef(c);
    if (ref) refs.push(ref);
    else
      issues.push({
        path: "--cite",
        message: `"${c}" is not DUMP@STATE/PATH/STEP (STEP: a step index, end = last step, -1 = terminal state)`,
      });
  }
  const cited: unknown[] = Array.isArray(draft.citations) ? [...draft.citations] : [];
  for (const j of flags.citeJson ?? []) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(j);
    } catch {
      issues.push({ path: "--cite-json", message: "not JSON" });
      continue;
    }
    const r = Citation.safeParse(parsed);
    if (r.success) cited.push(r.data);
    else
      for (const i of r.error.issues)
        issues.push({ path: `--cite-json.${formatPath(i.path)}`, message: i.message });
  }
  if (cited.length) draft.citations = cited;
  if (issues.length)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "invalid finding flags", { issues, exitCode: 1 });
  return { draft: draft as Partial<NewFinding>, refs };
}
