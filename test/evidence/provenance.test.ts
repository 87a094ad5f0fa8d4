import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildProvenance,
  commitsBetween,
  commitsSince,
  completeProvenance,
  gitRevision,
  sha256File,
} from "../../src/evidence/index.ts";
import { makeWorkspace, PROJECT } from "./workspace.ts";

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

function repoWithCommits(): { dir: string; first: string; last: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-git-"));
  git(dir, "init", "-q");
  fs.writeFileSync(path.join(dir, "a.go"), "package a\n");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "initial controller");
  const first = git(dir, "rev-parse", "HEAD");
  fs.writeFileSync(path.join(dir, "a.go"), "package a\n// guard the status write\n");
  git(dir, "commit", "-q", "-am", "fix: guard unconditional status write");
  return { dir, first, last: git(dir, "rev-parse", "HEAD") };
}

describe("provenance", () => {
  it("reports the target commit and flips the dirty flag on an uncommitted change", async () => {
    const { dir, last } = repoWithCommits();
    expect(await gitRevision(dir)).toEqual({ commit: last, dirty: false });
    fs.appendFileSync(path.join(dir, "a.go"), "// local edit\n");
    expect(await gitRevision(dir)).toEqual({ commit: last, dirty: true });
  });

  it("has no revision outside a repository", async () => {
    expect(await gitRevision(fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-nogit-")))).toEqual({});
  });

  it("lists the commits between the recorded and the current revision, newest first", async () => {
    const { dir, first, last } = repoWithCommits();
    const commits = await commitsBetween(dir, first);
    expect(commits.map((c) => [c.hash, c.subject])).toEqual([
      [last, "fix: guard unconditional status write"],
    ]);
  });

  it("builds run provenance from the project's source repo and the scenario bytes", async () => {
    const root = makeWorkspace();
    const { dir, last } = repoWithCommits();
    const pj = path.join(root, "projects", PROJECT, "project.json");
    fs.writeFileSync(
      pj,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(pj, "utf8")), source: { repo: dir } }),
    );
    const scenarioFile = `projects/${PROJECT}/scenarios/k1_order-race.json`;
    const p = await buildProvenance({ root, project: PROJECT, scenarioFile, seed: 42 });
    expect(p).toEqual({
      ctrlhuntVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      scenarioSha256: sha256File(path.join(root, scenarioFile)),
      targetCommit: last,
      targetDirty: false,
      seed: 42,
    });
    expect(p.scenarioSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("completes an engine's run provenance with the target commit before it is recorded", async () => {
    const root = makeWorkspace();
    const { dir, last } = repoWithCommits();
    const pj = path.join(root, "projects", PROJECT, "project.json");
    fs.writeFileSync(
      pj,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(pj, "utf8")), source: { repo: dir } }),
    );
    const run = {
      scenarioFile: `projects/${PROJECT}/scenarios/k1_order-race.json`,
      provenance: { ctrlhuntVersion: "9.9.9", scenarioSha256: "abc", seed: 1 },
    };
    const done = await completeProvenance(root, PROJECT, run);
    expect(done.provenance).toEqual({
      ctrlhuntVersion: "9.9.9",
      scenarioSha256: "abc",
      seed: 1,
      targetCommit: last,
      targetDirty: false,
    });
  });

  it("lists commits since a run's recorded revision, and nothing when the project has no git source", async () => {
    const root = makeWorkspace();
    expect(await commitsSince(root, PROJECT, "abc123")).toEqual([]);
    const { dir, first } = repoWithCommits();
    const pj = path.join(root, "projects", PROJECT, "project.json");
    fs.writeFileSync(
      pj,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(pj, "utf8")), source: { repo: dir } }),
    );
    expect((await commitsSince(root, PROJECT, first)).map((c) => c.subject)).toEqual([
      "fix: guard unconditional status write",
    ]);
    expect(await commitsSince(root, PROJECT, "0000000000000000000000000000000000000000")).toEqual([]);
  });
});
