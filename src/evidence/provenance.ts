import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { simpleGit } from "simple-git";
import type { Provenance } from "../formats/run-record.ts";
import { projectPaths } from "../workspace/index.ts";

/** ctrlhunt's own version, from its package.json (records say which toolkit produced them). */
export const CTRLHUNT_VERSION: string = JSON.parse(
  fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export interface GitRevision {
  commit?: string;
  dirty?: boolean;
}

/** The commit and dirty flag of the git repository holding `dir`; empty when `dir` is not in a repository. */
export async function gitRevision(dir: string): Promise<GitRevision> {
  if (!fs.existsSync(dir)) return {};
  const git = simpleGit({ baseDir: dir });
  try {
    if (!(await git.checkIsRepo())) return {};
    const commit = (await git.revparse(["HEAD"])).trim();
    const status = await git.status(["--porcelain", "--", "."]);
    return { commit, dirty: !status.isClean() };
  } catch {
    // A repository without commits (or an unreadable one) has no revision to report.
    return {};
  }
}

/**
 * Where a project's controller source lives: `source.repo` of a kamera project.json (relative to the project
 * folder), else the project folder itself (an embedded model is versioned with the workspace).
 */
export function projectSourceDir(root: string, project: string): string {
  const p = projectPaths(root, project);
  if (fs.existsSync(p.projectJson)) {
    try {
      const repo = JSON.parse(fs.readFileSync(p.projectJson, "utf8"))?.source?.repo;
      if (typeof repo === "string" && repo !== "") return path.resolve(p.dir, repo);
    } catch {
      /* a malformed project.json is reported by the project loader, not here */
    }
  }
  return p.dir;
}

/** Provenance for a run record: toolkit version, scenario sha256, target commit + dirty flag, seed. */
export async function buildProvenance(opts: {
  root: string;
  project: string;
  scenarioFile: string;
  seed?: number;
}): Promise<Provenance> {
  const rev = await gitRevision(projectSourceDir(opts.root, opts.project));
  return {
    ctrlhuntVersion: CTRLHUNT_VERSION,
    scenarioSha256: sha256File(path.resolve(opts.root, opts.scenarioFile)),
    ...(rev.commit ? { targetCommit: rev.commit, targetDirty: rev.dirty } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  };
}

export interface CommitSummary {
  hash: string;
  date: string;
  subject: string;
}

/** Commits in `from..to` of the repository holding `dir`, newest first (what changed between two re-runs). */
export async function commitsBetween(dir: string, from: string, to = "HEAD"): Promise<CommitSummary[]> {
  const log = await simpleGit({ baseDir: dir }).log({ from, to });
  return log.all.map((c) => ({ hash: c.hash, date: c.date, subject: c.message }));
}

/**
 * Fill what an engine's run record leaves out of its provenance: the target repository's commit and dirty flag
 * (and the scenario sha256), so every stored run says which code it explored. Call before store.recordRun.
 */
export async function completeProvenance<R extends { scenarioFile: string; provenance: Partial<Provenance> }>(
  root: string,
  project: string,
  run: R,
): Promise<R & { provenance: Provenance }> {
  const have = run.provenance;
  const rev = have.targetCommit ? {} : await gitRevision(projectSourceDir(root, project));
  const scenario = path.resolve(root, run.scenarioFile);
  return {
    ...run,
    provenance: {
      ...have,
      ctrlhuntVersion: have.ctrlhuntVersion ?? CTRLHUNT_VERSION,
      scenarioSha256: have.scenarioSha256 ?? (fs.existsSync(scenario) ? sha256File(scenario) : ""),
      ...(rev.commit ? { targetCommit: rev.commit, targetDirty: rev.dirty } : {}),
    },
  };
}

/**
 * What changed in the target since a recorded revision (a re-run's "what changed"): commits from..HEAD of the
 * project's source repository; empty when the project has no git source or the revision is unknown there.
 */
export async function commitsSince(
  root: string,
  project: string,
  from: string | undefined,
): Promise<CommitSummary[]> {
  if (!from) return [];
  const dir = projectSourceDir(root, project);
  if (!(await gitRevision(dir)).commit) return [];
  try {
    return await commitsBetween(dir, from);
  } catch {
    return [];
  }
}
