import fs from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_TOOLS, SESSION_TOOLS } from "../../src/agent/index.ts";
import { INFERRED_LABEL } from "../../src/formats/records.ts";
import { PhaseName } from "../../src/phases/registry.ts";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";

type Text = { type: string; text: string };
const textOf = (r: unknown) => ((r as { content: Text[] }).content[0] as Text).text;
const jsonOf = (r: unknown) => JSON.parse(textOf(r));

/**
 * A full hunt of a bundled target through `ctrlhunt mcp`, with the official SDK's client over stdio: the server is
 * the real binary in a child process, so stdout carrying anything but the protocol breaks the test.
 */
describe("ctrlhunt mcp over stdio", () => {
  const root = tempWorkspace(["kro-lite"]);
  let stderr = "";
  let client: Client;
  /** Anything on stdout that is not a protocol message surfaces here (the transport cannot parse it). */
  const protocolErrors: string[] = [];

  beforeAll(async () => {
    // A model module that prints: its output must go to stderr, never into the protocol.
    const model = path.join(root, "projects", "kro-lite", "project.ts");
    fs.writeFileSync(model, `console.log("kro-lite model loaded");\n${fs.readFileSync(model, "utf8")}`);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "mcp", "--workspace", root],
      env: { ...(process.env as Record<string, string>), SOURCE_DATE_EPOCH: "1767225600" },
      stderr: "pipe",
    });
    transport.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    client = new Client({ name: "ctrlhunt-test", version: "0.0.0" });
    client.onerror = (e) => void protocolErrors.push(e.message);
    await client.connect(transport);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("lists every agent tool, with the project as an argument", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys({ ...AGENT_TOOLS, ...SESSION_TOOLS }).sort());
    const hunt = tools.find((t) => t.name === "hunt");
    expect(hunt?.inputSchema.required).toContain("project");
  });

  it("validates, is cancelled mid-hunt, resumes, and leaves explained findings and ANALYSIS.md", async () => {
    const valid = await client.callTool({ name: "validate_scenarios", arguments: { project: "kro-lite" } });
    expect(valid.isError).toBe(false);
    expect(jsonOf(valid).ok).toBe(true);

    // Cancel the hunt at its first progress notification: the server stops at the next check and keeps serving.
    const abort = new AbortController();
    const progress: string[] = [];
    await expect(
      client.callTool({ name: "hunt", arguments: { project: "kro-lite" } }, undefined, {
        signal: abort.signal,
        onprogress: (p) => {
          progress.push(p.message ?? "");
          abort.abort();
        },
      }),
    ).rejects.toThrow();
    expect(progress[0]).toBe("phase map started");
    const state = path.join(root, "evidence", "kro-lite", "hunt-state.json");
    for (let i = 0; i < 100 && !fs.existsSync(state); i++) await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 100; i++) {
      const phases = JSON.parse(fs.readFileSync(state, "utf8")).phases;
      if (Object.values(phases).some((p) => (p as { status: string }).status === "stopped")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const stopped = Object.entries(JSON.parse(fs.readFileSync(state, "utf8")).phases).find(
      ([, p]) => (p as { status: string }).status === "stopped",
    );
    expect(stopped?.[1]).toMatchObject({ reason: "interrupted" });

    const messages: string[] = [];
    const done = await client.callTool({ name: "hunt", arguments: { project: "kro-lite" } }, undefined, {
      onprogress: (p) => void messages.push(p.message ?? ""),
      timeout: 300_000,
    });
    expect(done.isError).toBe(false);
    const summary = jsonOf(done);
    expect(summary.stoppedAt).toBeUndefined();
    expect(summary.findings.confirmed).toBe(1);
    expect(messages).toContain("phase rollup done");

    const findings = jsonOf(
      await client.callTool({
        name: "list_findings",
        arguments: { project: "kro-lite", status: "confirmed" },
      }),
    );
    const f1 = jsonOf(
      await client.callTool({ name: "show_finding", arguments: { project: "kro-lite", id: findings[0].id } }),
    );
    expect(f1.mechanism).toMatch(
      /^The divergent path leaves the expected one at step 3: ApplicationController/,
    );
    expect(f1.fix.startsWith(INFERRED_LABEL)).toBe(true);
    const lint = jsonOf(await client.callTool({ name: "lint_evidence", arguments: { project: "kro-lite" } }));
    expect(lint.ok).toBe(true);

    const { resources } = await client.listResources();
    const uri = "ctrlhunt:///evidence/kro-lite/ANALYSIS.md";
    expect(resources.map((r) => r.uri)).toContain(uri);
    const doc = await client.readResource({ uri });
    const text = (doc.contents[0] as { text: string }).text;
    expect(text).toContain(`## ${findings[0].id}: `);
    expect(text).toContain(
      "ApplicationController, reconciling kro.run/Application default/my-api, makes 1 write",
    );
    expect(text).not.toContain("Not analysed yet");
    expect(stderr).toContain("kro-lite model loaded");
    expect(protocolErrors).toEqual([]);
  }, 300_000);

  it("serves playbooks as prompts and refuses what lies outside the workspace or the rules", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([...PhaseName.options].sort());
    const prompt = await client.getPrompt({ name: "hypothesize", arguments: { project: "kro-lite" } });
    expect(JSON.stringify(prompt.messages[0]?.content)).toContain("kro-lite");

    await expect(client.readResource({ uri: "ctrlhunt:///../../etc/passwd" })).rejects.toThrow(
      /not a readable record/,
    );
    const outside = await client.callTool({
      name: "run_scenario",
      arguments: { project: "kro-lite", file: "../../../etc/hosts" },
    });
    expect(outside.isError).toBe(true);
    const invalid = await client.callTool({
      name: "draft_finding",
      arguments: { project: "kro-lite", status: "confirmed" },
    });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/invalid input for draft_finding/);
    const unbacked = await client.callTool({
      name: "refine_explanation",
      arguments: {
        project: "kro-lite",
        id: "F1",
        mechanism: "The controller forgot the Service. It is obvious.",
      },
    });
    expect(unbacked.isError).toBe(true);
    expect(textOf(unbacked)).toMatch(/neither cites a step/);
  });
});
