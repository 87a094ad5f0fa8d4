import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import type { Dump } from "../../formats/dump.ts";
import { AuthorDimension, type ScenarioAnnotation } from "../../formats/scenario-annotation.ts";
import type { KubeObject, Scenario } from "../../formats/workflow.ts";
import { checkWorkflowText, parseWorkflow, serializeWorkflow } from "../../formats/workflow-io.ts";
import {
  allocateId,
  projectPaths,
  relativeToWorkspace,
  scenarioFiles,
  withLockSync,
  workspacePaths,
  writeFileAtomic,
} from "../../workspace/index.ts";
import { readSurfaceMap } from "../map/run-map.ts";
import { coverageOf } from "./coverage.ts";
import { type AuthorContext, type Draft, fromBase, type Skip, slugOf } from "./draft.ts";
import { HEURISTICS } from "./heuristics/index.ts";
import { type ReferenceTrace, referenceTrace } from "./reference-trace.ts";
import { buildSeedCatalog, type ExistingScenario } from "./seeds.ts";

/** How author reaches the project: its example objects and (optionally) an engine for reference traces. */
export interface AuthorAccess {
  examples(): Promise<KubeObject[]>;
  reference?(scenario: Scenario): Promise<Dump[]>;
}

export interface AuthorOptions {
  root: string;
  project: string;
  dimensions?: AuthorDimension[];
  dryRun?: boolean;
  access?: AuthorAccess;
}

export interface AuthoredFile {
  /** workspace-relative path (where it would go, in a dry run) */
  file: string;
  id: string;
  dimension: AuthorDimension;
  scenarios: string[];
  annotation: ScenarioAnnotation;
}

export interface AuthorResult {
  written: AuthoredFile[];
  skipped: Skip[];
  dryRun: boolean;
}

function existingScenarios(dir: string, root: string): ExistingScenario[] {
  return scenarioFiles(dir, { variants: true }).flatMap((file) => {
    const res = checkWorkflowText(fs.readFileSync(file, "utf8"), file);
    return res.ok
      ? res.workflow.map((scenario) => ({ file: relativeToWorkspace(root, file), scenario }))
      : [];
  });
}

async function traces(ctx: Pick<AuthorContext, "seeds">, access: AuthorAccess | undefined) {
  const out = new Map<string, ReferenceTrace>();
  const problems = new Map<string, string>();
  for (const [kind, base] of [...ctx.seeds.bases].sort(([a], [b]) => a.localeCompare(b))) {
    if (!access?.reference) continue;
    const name = `reference/${slugOf(kind)}`;
    try {
      const t = referenceTrace(await access.reference({ name, ...fromBase(base) }), name);
      if (t) out.set(kind, t);
      else problems.set(kind, `the reference run of ${kind}'s base environment produced no path`);
    } catch (e) {
      problems.set(kind, `the reference run of ${kind}'s base environment failed: ${(e as Error).message}`);
    }
  }
  return { out, problems };
}

/** Plan scenarios from the surface map (pure given its inputs). */
export function planScenarios(
  ctx: AuthorContext,
  dimensions: AuthorDimension[],
): { drafts: Draft[]; skipped: Skip[] } {
  const drafts: Draft[] = [];
  const skipped: Skip[] = [];
  for (const d of AuthorDimension.options.filter((x) => dimensions.includes(x))) {
    const r = HEURISTICS[d](ctx);
    drafts.push(...r.drafts);
    skipped.push(...r.skipped);
  }
  return { drafts, skipped };
}

/** Generate scenario files from the surface map (the `author` phase). Never overwrites a file. */
export async function authorScenarios(opts: AuthorOptions): Promise<AuthorResult> {
  const map = readSurfaceMap(opts.root, opts.project);
  if (!map)
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `no surface map for ${opts.project}: run \`ctrlhunt map ${opts.project}\` first`,
    );
  const paths = projectPaths(opts.root, opts.project);
  const existing = existingScenarios(paths.scenarios, opts.root);
  const seeds = buildSeedCatalog(map, (await opts.access?.examples()) ?? [], existing);
  const dimensions = opts.dimensions ?? AuthorDimension.options;
  const needTraces = dimensions.some((d) => d === "staleness" || d === "user-action-timing");
  const t = needTraces ? await traces({ seeds }, opts.access) : { out: new Map(), problems: new Map() };
  const ctx: AuthorContext = {
    map,
    seeds,
    coverage: coverageOf(existing.map((e) => e.scenario)),
    traces: t.out,
    traceProblems: t.problems,
  };
  const { drafts, skipped } = planScenarios(ctx, dimensions);
  const written = opts.dryRun
    ? drafts.map((d, i) => materialize(d, `S?${i + 1}`, paths.scenarios, opts.root))
    : withLockSync(workspacePaths(opts.root).lock, () => drafts.map((d) => writeDraft(d, paths, opts.root)));
  return { written, skipped, dryRun: Boolean(opts.dryRun) };
}

function materialize(
  d: Draft,
  id: string,
  dir: string,
  root: string,
): AuthoredFile & { workflow: Scenario[] } {
  const stem = `${id.toLowerCase()}_${d.slug}`;
  const workflow: Scenario[] = d.scenarios.map((s) => ({
    name: `${id.toLowerCase()}/${d.slug}${s.suffix}`,
    ...s.scenario,
    annotations: { id, slug: d.slug, generatedBy: "ctrlhunt author", ...s.annotation },
  }));
  return {
    file: relativeToWorkspace(root, path.join(dir, `${stem}.json`)),
    id,
    dimension: d.dimension,
    scenarios: workflow.map((w) => w.name),
    annotation: workflow[0].annotations as ScenarioAnnotation,
    workflow,
  };
}

function writeDraft(d: Draft, paths: ReturnType<typeof projectPaths>, root: string): AuthoredFile {
  const taken = () =>
    fs.existsSync(paths.scenarios)
      ? fs.readdirSync(paths.scenarios).flatMap((f) => {
          const m = /^s(\d+)_/i.exec(f);
          return m ? [`S${Number(m[1])}`] : [];
        })
      : [];
  for (;;) {
    const id = allocateId(paths.ids, "S", taken());
    const { workflow, ...authored } = materialize(d, id, paths.scenarios, root);
    const file = path.join(root, authored.file);
    if (fs.existsSync(file)) continue; // never overwrite: the number is burnt, take the next
    writeFileAtomic(file, serializeWorkflow(parseWorkflow(workflow, authored.file)));
    return authored;
  }
}
