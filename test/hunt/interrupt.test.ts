import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { lintWorkspace, openEvidenceStore } from "../../src/evidence/index.ts";
import { readHuntState } from "../../src/phases/hunt/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";

/** Start a hunt as its own process; resolve once stderr shows `marker`, with the process still running. */
function huntUntil(root: string, marker: RegExp) {
  const child = spawn(process.execPath, [BIN, "hunt", "kro-lite", "--workspace", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const reached = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (b) => {
      stderr += String(b);
      if (marker.test(stderr)) resolve();
    });
    child.on("exit", () => reject(new Error(`hunt exited before ${marker}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, reached, exited, stderr: () => stderr };
}

/** Every record and document in the workspace parses: nothing was left half-written. */
function everyFileWhole(root: string): string[] {
  const broken: string[] = [];
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    if (e.name.endsWith(".tmp")) broken.push(`${file} (temp file left)`);
    try {
      if (e.name.endsWith(".json") || e.name.endsWith(".jsonl")) JSON.parse(fs.readFileSync(file, "utf8"));
      if (e.name.endsWith(".yaml")) YAML.parse(fs.readFileSync(file, "utf8"));
    } catch {
      broken.push(file);
    }
  }
  return broken;
}

async function resumeAndCheck(root: string) {
  const rest = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"]);
  expect(rest.code, rest.stderr).toBe(0);
  const ran: string[] = JSON.parse(rest.stdout).ran;
  expect(ran).not.toContain("map");
  expect(ran).not.toContain("explore");
  const store = openEvidenceStore(root);
  expect(store.listHypotheses("kro-lite").every((h) => h.status !== "unverified")).toBe(true);
  expect(store.listFindings("kro-lite").filter((f) => f.status === "confirmed")).toHaveLength(1);
  expect(lintWorkspace(root, { project: "kro-lite" }).issues.filter((i) => i.severity !== "warning")).toEqual(
    [],
  );
  expect(everyFileWhole(root)).toEqual([]);
}

describe("interrupting a hunt", () => {
  it("SIGKILL during rerun: the next hunt finishes without redoing completed phases or losing records", async () => {
    const root = tempWorkspace(["kro-lite"]);
    try {
      const h = huntUntil(root, /… H3 /);
      await h.reached;
      const decided = () =>
        openEvidenceStore(root)
          .listHypotheses("kro-lite")
          .filter((x) => x.status !== "unverified")
          .map((x) => x.id);
      h.child.kill("SIGKILL");
      await h.exited;
      const before = decided();
      expect(readHuntState(root, "kro-lite").phases.explore?.status).toBe("done");
      expect(readHuntState(root, "kro-lite").phases.rerun).toBeUndefined();
      await resumeAndCheck(root);
      expect(decided()).toEqual(expect.arrayContaining(before));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it("SIGINT during rerun: stops cleanly with exit 130, records why, and resumes", async () => {
    const root = tempWorkspace(["kro-lite"]);
    try {
      const h = huntUntil(root, /… H2 /);
      await h.reached;
      h.child.kill("SIGINT");
      expect(await h.exited).toBe(130);
      const rerun = readHuntState(root, "kro-lite").phases.rerun;
      expect(rerun?.status).toBe("stopped");
      expect(rerun?.reason).toBe("interrupted");
      await resumeAndCheck(root);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
