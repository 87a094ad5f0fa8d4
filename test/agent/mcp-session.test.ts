import fs from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { describe, expect, it } from "vitest";
import { createMcpServer } from "../../src/agent/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
const textOf = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0]?.text ?? "";

/** The server in-process over linked in-memory transports: session rules without a child process. */
async function session(opts: { project?: string; budgetStates?: number } = {}) {
  const root = tempWorkspace(["kro-lite"]);
  const server = createMcpServer({ root, clock: clockFromEnv({ SOURCE_DATE_EPOCH: "1767225600" }), ...opts });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "t", version: "0" });
  await client.connect(b);
  return { root, client };
}

describe("ctrlhunt mcp session rules", () => {
  it("refuses new engine runs once the session's state budget is spent", async () => {
    const { client } = await session({ project: "kro-lite", budgetStates: 10 });
    const file = "projects/kro-lite/scenarios/k2b_instance-applyset-children.json";
    const first = await client.callTool({ name: "run_scenario", arguments: { file, mode: "reference" } });
    expect(first.isError).toBe(false);
    expect(JSON.parse(textOf(first)).metrics.totalNodeVisits).toBeGreaterThanOrEqual(10);
    const second = await client.callTool({ name: "run_scenario", arguments: { file, mode: "reference" } });
    expect(second.isError).toBe(true);
    expect(textOf(second)).toMatch(/state budget of this MCP session exhausted \(\d+ ≥ 10 states\)/);
  }, 60_000);

  it("lets a model propose an invariant only in the declarative form and only if the reference keeps it", async () => {
    const { client } = await session({ project: "kro-lite" });
    const file = "projects/kro-lite/scenarios/k2b_instance-applyset-children.json";
    await client.callTool({ name: "run_scenario", arguments: { file, mode: "reference" } });
    const rule = {
      rule: "exists-iff-owner-exists",
      owner: { kind: "kro.run/Application" },
      child: "core/Service",
    };
    const ok = await client.callTool({
      name: "add_invariant",
      arguments: { rule, rationale: "every instance renders a Service (project.ts: resources)" },
    });
    expect(ok.isError).toBe(false);
    expect(JSON.parse(textOf(ok))).toMatchObject({ id: "I1", status: "proposed" });
    const wrong = await client.callTool({
      name: "add_invariant",
      arguments: {
        rule: { ...rule, child: "core/ConfigMap" },
        rationale: "every instance renders a ConfigMap (it does not)",
      },
    });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/does not hold in the reference: .*controls no core\/ConfigMap/);
    const accepted = await client.callTool({ name: "list_invariants", arguments: { status: "accepted" } });
    expect(JSON.parse(textOf(accepted))).toEqual([]);
  }, 60_000);

  it("needs a project when none is the default, and names a missing one", async () => {
    const { client } = await session();
    const { tools } = await client.listTools();
    expect(tools.every((t) => (t.inputSchema.required ?? []).includes("project"))).toBe(true);
    const none = await client.callTool({ name: "list_findings", arguments: {} });
    expect(textOf(none)).toMatch(/name the project/);
    const missing = await client.callTool({ name: "list_findings", arguments: { project: "nope" } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/nope/);
  });

  it("lists the ledger as resources and reads records, never dumps", async () => {
    const { root, client } = await session({ project: "kro-lite" });
    // The committed findings of kro-lite, copied in: records are resources, the dumps they cite are not.
    fs.cpSync(path.join(REPO, "evidence", "kro-lite"), path.join(root, "evidence", "kro-lite"), {
      recursive: true,
    });
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain("ctrlhunt:///evidence/kro-lite/findings/F1.json");
    expect(uris).toContain("ctrlhunt:///evidence/kro-lite/invariants/I1.yaml");
    expect(uris.some((u) => u.includes("/runs/"))).toBe(false);
    const f1 = await client.readResource({ uri: "ctrlhunt:///evidence/kro-lite/findings/F1.json" });
    expect(JSON.parse((f1.contents[0] as { text: string }).text).id).toBe("F1");
    await expect(
      client.readResource({ uri: "ctrlhunt:///evidence/kro-lite/runs/R1/run.json" }),
    ).rejects.toThrow(/not a readable record/);
  });
});
