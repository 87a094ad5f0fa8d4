import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectCampaign, readCampaign, runShard } from "../../src/campaign/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { compatWorkspace } from "../kamera-adapter/compat-workspace.ts";
import { runCli } from "../helpers/run-cli.ts";
import { EPOCH } from "./helpers.ts";

/**
 * A kamera project's hypothesis variants run through its harness (the kamera adapter), as a local `hypothesis run`
 * does; here the harness is harness/compat (kamera's CLI over the embedded engine), so no Go is needed.
 */

const clock = clockFromEnv(EPOCH);
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

/** A hypothesis record without what two recordings of one verdict may differ in (times; kept dumps are content-named, and a harness stamps its own invocation id). */
function comparable(root: string) {
  const { createdAt: _c, updatedAt: _u, ...h } = openEvidenceStore(root).readHypothesis("fake", "H1");
  return JSON.parse(JSON.stringify(h).replace(/\/[0-9a-f]{12}-/g, "/<sha>-"));
}

describe("campaign of a kamera project's hypothesis variants", () => {
  it("runs them through the harness and collects the verdict a local `hypothesis run` reaches", async () => {
    const w = compatWorkspace();
    roots.push(w.root);
    const add = await runCli(
      [
        "hypothesis",
        "add",
        "fake",
        "--type",
        "ordering",
        "--controllers",
        "Alpha,Beta",
        "--scenario",
        path.relative(w.root, w.scenario),
        "--scenario-name",
        "R2/app-seeded",
        "--claim",
        "Beta before Alpha changes who wins the ConfigMap",
      ],
      { cwd: w.root, env: EPOCH },
    );
    expect(add.code, add.stderr).toBe(0);
    const local = `${w.root}-local`;
    fs.cpSync(w.root, local, { recursive: true });
    roots.push(local);

    const dir = path.join(w.root, "campaign");
    const plan = await runCli(
      ["campaign", "plan", "fake", "--hypotheses", "all", "--shards", "2", "--out", dir],
      { cwd: w.root, env: EPOCH },
    );
    expect(plan.code, plan.stderr).toBe(0);
    const c = readCampaign(dir);
    expect(c.engine).toBe("kamera");
    expect(c.provenance.modelSha256).toBeUndefined(); // a harness has no model to hash: the variants are pinned
    for (const i of [0, 1]) await runShard(w.root, dir, i, { clock });
    const { hypotheses } = await collectCampaign(dir, openEvidenceStore(w.root, { clock }));
    expect(hypotheses.map((r) => r.judgement.status)).toEqual(["confirmed"]);
    const exploration = hypotheses[0]?.runs.exploration;
    expect(exploration).toMatchObject({
      engine: "kamera",
      status: "ok",
      logFile: expect.stringMatching(/^evidence\/fake\/runs\/R\d+\/harness\.log$/),
    });
    expect(exploration?.command.join(" ")).toContain(path.join(w.root, "evidence", "fake", "runs"));

    const r = await runCli(["hypothesis", "run", "fake", "H1"], { cwd: local, env: EPOCH });
    expect(r.code, r.stderr).toBe(0);
    expect(comparable(w.root)).toEqual(comparable(local));
  }, 120_000);
});
