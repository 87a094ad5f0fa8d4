import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import { simpleGit } from "simple-git";
import type { Provenance } from "../../formats/run-record.ts";

const ctrlhuntVersion: string = createRequire(import.meta.url)("../../../package.json").version;

/** Commit and dirtiness of a source checkout; nothing when it is not a git work tree. */
async function gitState(repo: string): Promise<{ targetCommit?: string; targetDirty?: boolean }> {
  if (!fs.existsSync(repo)) return {};
  try {
    const git = simpleGit(repo);
    const commit = (await git.revparse(["HEAD"])).trim();
    const status = await git.status();
    return { targetCommit: commit, targetDirty: !status.isClean() };
  } catch {
    return {};
  }
}

/** What a kamera run ran: ctrlhunt version, the exact scenario bytes, the target's commit. */
export async function kameraProvenance(scenarioFile: string, sourceRepo?: string): Promise<Provenance> {
  const scenarioSha256 = createHash("sha256").update(fs.readFileSync(scenarioFile)).digest("hex");
  return {
    ctrlhuntVersion,
    scenarioSha256,
    ...(sourceRepo !== undefined ? await gitState(sourceRepo) : {}),
  };
}
