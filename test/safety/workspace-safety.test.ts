import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintWorkspace, openEvidenceStore } from "../../src/evidence/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";
import { addProject, DELETE_SCENARIO, handWorkspace, THROWS_ON_DELETE } from "./fixtures.ts";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});
const keep = (root: string) => {
  roots.push(root);
  return root;
};

const hasRawControl = (text: string) => text.includes("\u0007") || text.includes("\u001b");

const errorsOnly = (root: string, project?: string) =>
  lintWorkspace(root, project ? { project } : {}).issues.filter((i) => i.severity !== "warning");

/** A workspace whose kro-lite hunt has finished (the lock test's, reused: a hunt costs tens of seconds). */
let hunted: string | undefined;
async function huntedKroLite(): Promise<string> {
  if (hunted) return hunted;
  const root = keep(tempWorkspace(["kro-lite"]));
  expect((await runCli(["hunt", "kro-lite", "--workspace", root])).code).toBe(0);
  hunted = root;
  return root;
}

describe("the workspace is protected (issue #12 rows 3, 5, 13)", () => {
  it("row 3: a second hunt of the same project exits 75 at once, naming the first; the ledger stays one hunt's", async () => {
    const root = keep(tempWorkspace(["kro-lite"]));
    const first = spawn(process.execPath, [BIN, "hunt", "kro-lite", "--workspace", root], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" },
    });
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      first.stderr.on("data", (b) => {
        stderr += String(b);
        if (/▶ explore/.test(stderr)) resolve();
      });
      first.on("exit", () => reject(new Error(`first hunt ended early: ${stderr}`)));
    });
    const second = await runCli(["hunt", "kro-lite", "--workspace", root]);
    expect(second.code).toBe(75);
    expect(second.stderr).toContain(`process ${first.pid}`);
    expect(second.stderr).toContain("ctrlhunt hunt kro-lite");
    const json = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"]);
    expect(JSON.parse(json.stdout).error.code).toBe("CTRLHUNT_HUNT_LOCKED");
    expect(await new Promise((r) => first.on("exit", r))).toBe(0);
    expect(errorsOnly(root)).toEqual([]);
    const store = openEvidenceStore(root);
    const keys = store
      .listHypotheses("kro-lite")
      .map((h) => JSON.stringify([h.type, h.targets, h.parameters]));
    expect(new Set(keys).size).toBe(keys.length);
    // The lock is released: the next hunt resumes and adds nothing.
    const again = await runCli(["hunt", "kro-lite", "--workspace", root]);
    expect(again.code).toBe(0);
    expect(store.listHypotheses("kro-lite").length).toBe(keys.length);
    hunted = root;
  });

  it("row 3: lint finds duplicate hypotheses and duplicate confirmed findings", async () => {
    const root = await huntedKroLite();
    const store = openEvidenceStore(root);
    const h = store.listHypotheses("kro-lite").find((x) => x.finding);
    const f = store.listFindings("kro-lite").find((x) => x.id === h?.finding);
    if (!h || !f) throw new Error("the kro-lite hunt confirms a finding");
    const copyH = store.addHypothesis("kro-lite", { ...h, finding: undefined });
    const dir = path.join(root, "evidence/kro-lite/findings");
    fs.writeFileSync(path.join(dir, "F99.json"), JSON.stringify({ ...f, id: "F99" }, null, 2));
    const messages = errorsOnly(root, "kro-lite").map((i) => `${i.file}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`${copyH.id}\\.yaml: duplicate of ${h.id}`)),
        expect.stringMatching(new RegExp(`F99\\.json: duplicate of ${f.id}`)),
      ]),
    );
    const lint = await runCli(["lint", "kro-lite", "--workspace", root]);
    expect(lint.code).toBe(1);
  });

  it("row 5: project folders named `my proj`, `a;b`, `-rf` are skipped with a warning; other projects are unaffected", async () => {
    const root = keep(handWorkspace());
    addProject(root, "good", "");
    for (const bad of ["my proj", "a;b", "-rf"]) addProject(root, bad, "");
    const hunt = await runCli(["hunt", "good", "--workspace", root]);
    expect(hunt.code, hunt.stderr).toBe(0);
    const lint = await runCli(["lint", "--workspace", root]);
    expect(lint.code).toBe(0);
    for (const bad of ["my proj", "a;b", "-rf"]) expect(lint.stdout + lint.stderr).toContain(`"${bad}"`);
    expect((await runCli(["rollup", "--workspace", root])).code).toBe(0);
    const bad = await runCli(["hunt", "my proj", "--workspace", root]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/project folder "my proj" cannot be a project name/);
  });

  it("row 13: a run folder left by a killed process (no run.json) is swept by the next hunt", async () => {
    const root = keep(handWorkspace());
    addProject(root, "p", "");
    expect((await runCli(["hunt", "p", "--workspace", root])).code).toBe(0);
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid as number; // exited: its pid is free
    const runs = path.join(root, "evidence/p/runs");
    for (const [id, owner] of [
      ["R90", String(dead)],
      ["R91", undefined],
    ] as const) {
      fs.mkdirSync(path.join(runs, id, "dumps"), { recursive: true });
      if (owner) fs.writeFileSync(path.join(runs, id, ".owner"), owner);
    }
    expect((await runCli(["hunt", "p", "--workspace", root, "--force"])).code).toBe(0);
    expect(fs.existsSync(path.join(runs, "R90"))).toBe(false);
    expect(fs.existsSync(path.join(runs, "R91"))).toBe(false);
    expect(fs.readdirSync(runs).every((id) => fs.existsSync(path.join(runs, id, "run.json")))).toBe(true);
  });
});

describe("bad input is contained (issue #12 rows 4, 6–12)", () => {
  it("row 4: a hand-made workspace without package.json and a symlinked project load through the CLI", () => {
    const root = keep(handWorkspace());
    const dir = addProject(root, "p", "");
    const elsewhere = keep(handWorkspace());
    fs.symlinkSync(dir, path.join(elsewhere, "linked"));
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        "explore",
        path.join(elsewhere, "linked/project.ts"),
        "--inputs",
        path.join(dir, "scenarios/base.json"),
        "--output",
        "out",
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.stderr).not.toMatch(/cannot load|require\(\) ES Module/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/status ok/);
  });

  it("row 6: an error thrown on every deletion is shown in the run summary and ANALYSIS.md with controller, request, message and citation", async () => {
    const root = keep(handWorkspace());
    addProject(root, "thrower", THROWS_ON_DELETE, DELETE_SCENARIO);
    const r = await runCli(["hunt", "thrower", "--workspace", root]);
    expect(r.code).toBe(0);
    const line =
      /reconcile error: CmController on default\/a: Cannot read properties of undefined \(reading 'cleanup'\) \[(\S+) (state-\d+) path (\d+) step (\d+)\]/;
    expect(r.stderr).toMatch(line);
    const md = fs.readFileSync(path.join(root, "evidence/thrower/ANALYSIS.md"), "utf8");
    expect(md).toContain("### Reconcile errors");
    expect(md).toMatch(
      /\| CmController \| default\/a \| Cannot read properties of undefined \(reading 'cleanup'\) \| R\d+ \(reference\)[^|]* \| \d+ \| `evidence\/thrower\/runs\/R\d+\/dumps\/\S+ state-\d+ path 0 step \d+ \w+` \|/,
    );
    // An error that never heals is a finding of its own (issue #11 judges it from the reference path).
    expect(md).toMatch(
      /never heals: CmController .*Cannot read properties of undefined \(reading 'cleanup'\)/,
    );
    const explore = await runCli(
      [
        "explore",
        "thrower",
        "--inputs",
        "projects/thrower/scenarios/base.json",
        "--output",
        "out",
        "--mode",
        "reference",
      ],
      { cwd: root },
    );
    expect(explore.stdout).toMatch(/reconcile errors \(1\):\n {2}CmController on default\/a: Cannot read/);
  });

  it("row 7: a project whose objects have ownerReferences maps without a contract error about the engine's GC", async () => {
    const root = keep(handWorkspace());
    const owner = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } };
    addProject(
      root,
      "owned",
      `if (req.name === "a" && !ctx.get("core/Secret", { namespace: "default", name: "a-child" }))
          ctx.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "a-child", namespace: "default",
            ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "a", uid: cm.metadata.uid ?? "", controller: true }] } });`,
      {
        name: "gc",
        environmentState: { objects: [owner] },
        externalInputs: [{ opType: "DELETE", object: owner }],
      },
    );
    const r = await runCli(["map", "owned", "--workspace", root]);
    expect(r.stdout + r.stderr).not.toMatch(/does not define/);
    expect(r.code).toBe(0);
  });

  it("row 8: a spec nested 5,000 levels is rejected by validate and hunt with its path, never a stack overflow", async () => {
    const root = keep(handWorkspace());
    let spec = "{}";
    for (let i = 0; i < 5000; i++) spec = `{"a":${spec}}`;
    addProject(root, "deep", "");
    const file = path.join(root, "projects/deep/scenarios/base.json");
    fs.writeFileSync(
      file,
      `[{"name":"deep","environmentState":{"objects":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"spec":${spec}}]}}]`,
    );
    const v = await runCli(["scenario", "validate", file]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(
      /\[0\]\.environmentState\.objects\[0\]\.spec\.a\.a.*nested more than 100 levels/,
    );
    const h = await runCli(["hunt", "deep", "--workspace", root]);
    expect(h.code).toBe(1);
    expect(h.stderr).not.toMatch(/internal error|call stack/);
    expect(h.stderr).toMatch(/nested more than 100 levels/);
  });

  it("row 8: a project without a default export is named as such", async () => {
    const root = keep(handWorkspace());
    const dir = addProject(root, "nodefault", "");
    fs.writeFileSync(path.join(dir, "project.ts"), "export const x = 1;\n");
    const r = await runCli(["hunt", "nodefault", "--workspace", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no default export: end the file with `export default defineProject/);
  });

  it("row 9: outputs that exist are refused with one clear line, never EEXIST/ENOTDIR or a silent overwrite", async () => {
    const root = keep(handWorkspace());
    addProject(root, "p", "");
    const file = path.join(root, "taken.json");
    fs.writeFileSync(file, "keep me\n");
    const runs: Array<[string[], number]> = [
      [["explore", "p", "--inputs", "projects/p/scenarios/base.json", "--output", file], 2],
      [["skills", "export", file], 2],
      [["map", "p", "--output", file], 1],
      [["scenario", "schema", "-o", file], 1],
      [["scenario", "migrate", "projects/p/scenarios/base.json", "-o", file], 1],
    ];
    for (const [args, code] of runs) {
      const r = await runCli(args, { cwd: root });
      expect(r.stderr, args.join(" ")).not.toMatch(/internal error/);
      expect(r.stderr, args.join(" ")).toContain(file);
      expect(r.code, args.join(" ")).toBe(code);
    }
    expect(fs.readFileSync(file, "utf8")).toBe("keep me\n");
  });

  it("row 10: ESC and BEL in a claim reach neither the terminal nor ANALYSIS.md raw", async () => {
    const root = keep(handWorkspace());
    addProject(root, "p", "");
    expect((await runCli(["hunt", "p", "--workspace", root])).code).toBe(0);
    const claim = "clears the screen \u001b[2J\u001b[H and rings \u0007";
    const add = await runCli([
      "hypothesis",
      "add",
      "p",
      "--workspace",
      root,
      "--claim",
      claim,
      "--type",
      "ordering",
      "--controllers",
      "CmController",
      "--scenario",
      path.join(root, "projects/p/scenarios/base.json"),
    ]);
    expect(add.code, add.stderr).toBe(0);
    const list = await runCli(["hypothesis", "list", "p", "--workspace", root]);
    expect(list.stdout).toContain("clears the screen \\x1b[2J\\x1b[H and rings \\x07");
    expect(hasRawControl(list.stdout)).toBe(false);
    expect((await runCli(["report", "p", "--workspace", root])).code).toBe(0);
    const md = fs.readFileSync(path.join(root, "evidence/p/ANALYSIS.md"), "utf8");
    expect(hasRawControl(md)).toBe(false);
  });

  it("row 11: --agent anthropic with no route to the API fails fast with a clear message (one retry)", async () => {
    const root = keep(handWorkspace());
    addProject(root, "p", "");
    const started = Date.now();
    const r = await runCli(["hunt", "p", "--workspace", root, "--agent", "anthropic"], {
      env: { ANTHROPIC_API_KEY: "bogus", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" },
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/after 1 retry: Connection error/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("row 12: --json errors are JSON on stdout with the same exit codes", async () => {
    const root = keep(handWorkspace());
    const missing = await runCli(["hunt", "nope", "--workspace", root, "--json"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: {
        code: "CTRLHUNT_PROJECT_NOT_FOUND",
        message: expect.stringContaining('project "nope" not found'),
      },
    });
    const usage = await runCli(["hunt", "--bogus", "--json"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe("CTRLHUNT_USAGE");
  });
});
