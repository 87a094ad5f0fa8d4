import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { AgentToolName } from "../../src/agent/index.ts";
import { SurfaceMap } from "../../src/formats/surface-map.ts";
import {
  GENERIC_CONTEXT,
  loadPlaybooks,
  PLAYBOOK_DIR,
  projectContext,
  renderPlaybook,
} from "../../src/phases/playbooks/index.ts";
import { PHASES, PhaseName } from "../../src/phases/registry.ts";
import { writeRecord } from "../../src/workspace/index.ts";
import { runCli } from "../helpers/run-cli.ts";

const goFixture = fileURLToPath(new URL("../fixtures/go-project/", import.meta.url));

/** A workspace with a kamera project whose source.repo is the Go fixture. */
function shopWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-phase-"));
  const dir = path.join(root, "projects", "shop");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "project.json"),
    JSON.stringify({
      engine: "kamera",
      harness: { command: ["./shop-harness"] },
      source: { repo: goFixture },
    }),
  );
  return root;
}

describe("phase registry ↔ playbooks (parity)", () => {
  const playbooks = loadPlaybooks();

  it("has exactly one playbook per phase, named after it", () => {
    const stems = fs
      .readdirSync(PLAYBOOK_DIR)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.replace(/\.md$/, ""));
    expect(stems.sort()).toEqual([...PhaseName.options].sort());
    for (const pb of playbooks) expect(path.basename(pb.file, ".md")).toBe(pb.meta.name);
    expect(PHASES.map((p) => p.name)).toEqual(PhaseName.options);
  });

  it("lists only real agent tools, and every tool is offered by some phase", () => {
    const used = new Set(playbooks.flatMap((pb) => pb.meta.tools));
    for (const t of used) expect(AgentToolName.options).toContain(t);
    for (const t of AgentToolName.options) expect(used.has(t)).toBe(true);
  });

  it("renders every playbook without placeholders left, generic and with a project's facts", async () => {
    for (const pb of playbooks) {
      const text = renderPlaybook(pb, GENERIC_CONTEXT);
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text.length).toBeGreaterThan(600);
    }
    const root = shopWorkspace();
    const res = await runCli(["map", "shop", "--workspace", root]);
    expect(res.code).toBe(0);
    const map = SurfaceMap.parse(
      JSON.parse(fs.readFileSync(path.join(root, "projects/shop/surface-map.json"), "utf8")),
    );
    const mapPb = playbooks.find((p) => p.meta.name === "map");
    const text = renderPlaybook(mapPb as (typeof playbooks)[number], projectContext(root, "shop"));
    expect(text).toContain("Project: **shop** (kamera, 0 scenario file(s))");
    expect(text).toContain(`A surface map already exists (${map.controllers.length} controllers)`);
    const w1 = map.vulnerabilityWindows[0];
    expect(text).toContain(`- W1: ${w1.reader} assumes ${w1.assumption}; broken when ${w1.violation}`);
    expect(text).toContain("internal/controller.reservations (InventoryReconciler, OrderReconciler)");
    writeRecord(SurfaceMap, path.join(root, "projects/shop/surface-map.json"), {
      ...map,
      vulnerabilityWindows: [],
    });
    expect(renderPlaybook(mapPb as (typeof playbooks)[number], projectContext(root, "shop"))).not.toContain(
      "- W1:",
    );
  });
});

describe("ctrlhunt phase", () => {
  it("lists the phases in hunt order", async () => {
    const r = await runCli(["phase"]);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(PhaseName.options);
  });

  it("prints a rendered playbook", async () => {
    const r = await runCli(["phase", "analyze", "--print"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cycling? total / unique > 3");
    expect(r.stdout).toContain("[Inferred from code, not observed in trace]");
  });

  it("rejects an unknown phase with one line", async () => {
    const r = await runCli(["phase", "nope", "--print"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'error: unknown phase "nope"; phases: map, author, explore, analyze, report, hypothesize, rerun, rollup',
    );
  });

  it("runs the map phase offline on a Go project through project.json's source.repo", async () => {
    const root = shopWorkspace();
    const r = await runCli(["phase", "map", "--project", "shop", "--workspace", root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("store: 4 writes → 3 crash window(s)");
    expect(fs.existsSync(path.join(root, "projects/shop/surface-map.json"))).toBe(true);
  });

  it("asks for an API key before driving a phase with the model", async () => {
    const root = shopWorkspace();
    const r = await runCli(
      ["phase", "analyze", "--project", "shop", "--workspace", root, "--agent", "anthropic"],
      {
        env: { ANTHROPIC_API_KEY: "" },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--agent anthropic needs ANTHROPIC_API_KEY");
  });
});

describe("ctrlhunt skills export", () => {
  it("writes one SKILL.md per phase with front matter, the playbook and the real commands", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-skills-"));
    const r = await runCli(["skills", "export", dir, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{
      name: string;
      file: string;
      commands: string[];
      missingCommands: string[];
    }>;
    expect(out.map((s) => s.name)).toEqual(loadPlaybooks().map((p) => `ctrlhunt-${p.meta.name}`));
    expect(fs.readdirSync(dir).sort()).toEqual(PhaseName.options.map((p) => `ctrlhunt-${p}`).sort());
    for (const s of out) expect(s.missingCommands).toEqual([]);

    const text = fs.readFileSync(path.join(dir, "ctrlhunt-map", "SKILL.md"), "utf8");
    const front = YAML.parse(text.split("---")[1]);
    expect(front.name).toBe("ctrlhunt-map");
    expect(front.description).toMatch(/^Map a Kubernetes controller project's surface/);
    expect(front.metadata["short-description"]).toBe(PHASES[0].description);
    expect(text).toContain("## Commands you may call");
    expect(text).toContain("### `ctrlhunt map`");
    expect(text).toContain("$ ctrlhunt map kro-lite");
    expect(text).toContain("# Map the controller surface of <project>");
  });
});
