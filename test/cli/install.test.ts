import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

describe("ctrlhunt outside the clone (issue #12 row 14)", () => {
  it("a linked `ctrlhunt` (npm link / npm install -g <path>) works in a workspace elsewhere", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-prefix-"));
    roots.push(prefix);
    // What npm link makes: <prefix>/bin/ctrlhunt → the package's bin/ctrlhunt.js.
    fs.mkdirSync(path.join(prefix, "bin"));
    fs.symlinkSync(BIN, path.join(prefix, "bin", "ctrlhunt"));
    const ws = tempWorkspace([]);
    roots.push(ws);
    fs.rmSync(path.join(ws, "package.json"));
    const run = (args: string[]) =>
      spawnSync(path.join(prefix, "bin", "ctrlhunt"), args, { cwd: ws, encoding: "utf8" });
    const init = run(["init", ".", "--with", "kro-lite"]);
    expect(init.status, init.stderr).toBe(0);
    const lint = run(["lint"]);
    expect(lint.status, lint.stderr).toBe(0);
    const validate = run(["scenario", "validate", "projects/kro-lite/scenarios"]);
    expect(validate.status, validate.stderr).toBe(0);
  });

  it("the package (npm pack, npm install -g <tarball>) ships the compiled CLI, not the clone's tests", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const files = new Set((JSON.parse(r.stdout)[0].files as Array<{ path: string }>).map((f) => f.path));
    for (const f of [
      "bin/ctrlhunt.js",
      "bin/self-resolve.mjs",
      "dist/cli/main.js",
      "templates/analysis.md.hbs",
    ])
      expect(files, f).toContain(f);
    expect([...files].some((f) => f.startsWith("test/"))).toBe(false);
  });
});
