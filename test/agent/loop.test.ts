import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { AGENT_TOOLS, type AgentTool, runAgentPhase, type ToolEnv, toolsFor } from "../../src/agent/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { INFERRED_LABEL } from "../../src/formats/records.ts";
import { Transcript } from "../../src/formats/transcript.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { ledgerWorkspace, type RequestBody, replay } from "./replay.ts";

const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1700000000" });

function setup(fixture: string) {
  const root = ledgerWorkspace();
  const env: ToolEnv = { root, project: "ledger", store: openEvidenceStore(root, { clock }) };
  const sleeps: number[] = [];
  const { client, requests } = replay(fixture);
  const run = (over: { budget?: { maxUsd?: number; maxTokens?: number }; tools?: AgentTool[] } = {}) =>
    runAgentPhase({
      client,
      model: "claude-sonnet-4-5-20250929",
      phase: "analyze",
      system: "# Analyze the runs of ledger\nFollow the decision tree.",
      tools: over.tools ?? toolsFor(["read_source", "add_hypothesis", "draft_finding", "list_records"]).tools,
      env,
      budget: over.budget ?? { maxUsd: 5 },
      clock,
      retry: { retries: 3, baseMs: 1000, maxMs: 60_000, sleep: async (ms) => void sleeps.push(ms) },
    });
  const transcript = (file: string) => Transcript.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return { root, env, requests, sleeps, run, transcript };
}

const toolResults = (request: RequestBody) =>
  (request.messages.at(-1).content as RequestBody[]).filter((b) => b.type === "tool_result");

describe("agent loop over recorded Messages API responses", () => {
  it("rejects a tool call with invalid input, tells the model why, then runs the real tools", async () => {
    const s = setup("invalid-input.json");
    const res = await s.run();
    expect(res.stopReason).toBe("completed");
    expect(s.requests).toHaveLength(3);

    const [rejected] = toolResults(s.requests[1]);
    expect(rejected).toMatchObject({ tool_use_id: "toolu_01", is_error: true });
    expect(rejected.content).toMatch(
      /invalid input for read_source:\n- path: .*expected string, received number/,
    );

    const [read, added] = toolResults(s.requests[2]);
    expect(read.is_error).toBeUndefined();
    expect(read.content).toContain("3: // Writer sums the entries into status.total");
    expect(added.content).toContain('"id": "H1"');

    const h = YAML.parse(fs.readFileSync(path.join(s.root, "hypotheses", "ledger", "H1.yaml"), "utf8"));
    expect(h).toMatchObject({
      id: "H1",
      type: "ordering",
      status: "unverified",
      source: "agent",
      scenario: "projects/ledger/scenarios/l1_baseline.json",
    });
    expect(h.targets.controllers).toEqual(["Writer", "Auditor"]);

    const t = s.transcript(res.transcript);
    expect(path.relative(s.root, res.transcript)).toBe("evidence/ledger/transcripts/analyze-1.json");
    expect(t).toMatchObject({ status: "finished", stopReason: "completed", n: 1 });
    expect(t.turns.map((x) => x.toolCalls.map((c) => `${c.name}:${c.ok}`))).toEqual([
      ["read_source:false"],
      ["read_source:true", "add_hypothesis:true"],
      [],
    ]);
    expect(t.usage).toEqual({
      inputTokens: 3340,
      outputTokens: 293,
      cacheCreationInputTokens: 1890,
      cacheReadInputTokens: 3780,
    });
    expect(res.finalText).toMatch(/^Recorded H1/);
  });

  it("caches the system prompt and the tool list, and sends JSON Schema generated from zod", async () => {
    const s = setup("invalid-input.json");
    await s.run();
    const first = s.requests[0];
    expect(first.system).toEqual([
      { type: "text", text: expect.stringContaining("# Analyze"), cache_control: { type: "ephemeral" } },
    ]);
    expect(first.tools.at(-1).cache_control).toEqual({ type: "ephemeral" });
    expect(first.tools.slice(0, -1).every((t: Record<string, unknown>) => !("cache_control" in t))).toBe(
      true,
    );
    const readSource = first.tools.find((t: RequestBody) => t.name === "read_source");
    expect(readSource.input_schema).toMatchObject({
      type: "object",
      required: ["path"],
      additionalProperties: false,
    });
    expect(readSource.input_schema.properties.path.type).toBe("string");
  });

  it("stops cleanly when the dollar budget is spent mid-phase and records why", async () => {
    const s = setup("budget.json");
    const res = await s.run({ budget: { maxUsd: 0.5 } });
    expect(res.stopReason).toBe("budget-usd");
    expect(s.requests).toHaveLength(1);
    expect(res.costUsd).toBeCloseTo(0.57, 5);
    // The tool the expensive response asked for never ran.
    expect(fs.existsSync(path.join(s.root, "hypotheses", "ledger"))).toBe(false);
    const t = s.transcript(res.transcript);
    expect(t.reason).toBe(
      "dollar budget exhausted: spent $0.5700 of $0.5 after 1 turn(s); 1 requested tool call(s) not run",
    );
    expect(t.stopReason).toBe("budget-usd");
  });

  it("stops on a token budget before asking again", async () => {
    const s = setup("invalid-input.json");
    const res = await s.run({ budget: { maxTokens: 5000 } });
    expect(res.stopReason).toBe("budget-tokens");
    // 2310 + 64 + 1890 tokens on the first turn, 410 + 188 + 1890 on the second: over 5000 after two turns.
    expect(s.requests).toHaveLength(2);
    expect(res.reason).toMatch(/^token budget exhausted: 6752 of 5000 tokens after 2 turn\(s\)/);
  });

  it("retries a 429 after the server's retry-after, without real waiting", async () => {
    const s = setup("rate-limit.json");
    const res = await s.run();
    expect(res.stopReason).toBe("completed");
    expect(s.sleeps).toEqual([3000]);
    expect(s.requests).toHaveLength(3);
    const t = s.transcript(res.transcript);
    expect(t.turns[0].retries).toEqual([{ attempt: 1, status: 429, delayMs: 3000 }]);
    expect(t.turns[0].toolCalls[0]).toMatchObject({ name: "list_records", ok: true });
  });

  it("lets the model draft a finding but never confirm one", async () => {
    const s = setup("draft-finding.json");
    const res = await s.run();
    expect(res.stopReason).toBe("completed");
    const [rejected] = toolResults(s.requests[1]);
    expect(rejected.is_error).toBe(true);
    expect(rejected.content).toMatch(/status/);
    const f = JSON.parse(
      fs.readFileSync(path.join(s.root, "evidence", "ledger", "findings", "F1.json"), "utf8"),
    );
    expect(f).toMatchObject({ id: "F1", status: "observation", severity: "P2", dimensions: ["ordering"] });
    expect(f.mechanism.startsWith(INFERRED_LABEL)).toBe(true);
    expect(fs.existsSync(path.join(s.root, "evidence", "ledger", "findings", "F2.json"))).toBe(false);
  });

  it("stops before the next request once interrupted, keeping the transcript", async () => {
    const s = setup("invalid-input.json");
    const abort = new AbortController();
    const res = await runAgentPhase({
      client: {
        messages: {
          create: (p, opt) =>
            replay("invalid-input.json")
              .client.messages.create(p, opt)
              .finally(() => abort.abort()),
        },
      },
      model: "claude-sonnet-4-5",
      phase: "map",
      system: "x",
      tools: toolsFor(["read_source"]).tools,
      env: s.env,
      budget: {},
      clock,
      signal: abort.signal,
    });
    expect(res).toMatchObject({ stopReason: "interrupted", reason: "interrupted after 1 turn(s)", turns: 1 });
    expect(s.transcript(res.transcript)).toMatchObject({ status: "finished", stopReason: "interrupted" });
  });

  it("numbers transcripts per phase and keeps the earlier ones", async () => {
    const s = setup("rate-limit.json");
    const first = await s.run();
    const again = replay("rate-limit.json");
    const second = await runAgentPhase({
      client: again.client,
      model: "claude-haiku-4-5",
      phase: "analyze",
      system: "x",
      tools: [AGENT_TOOLS.list_records],
      env: s.env,
      budget: {},
      clock,
      retry: { retries: 1, baseMs: 1, maxMs: 1, sleep: async () => {} },
    });
    expect([first.transcript, second.transcript].map((f) => path.basename(f))).toEqual([
      "analyze-1.json",
      "analyze-2.json",
    ]);
    expect(s.transcript(first.transcript).model).toBe("claude-sonnet-4-5-20250929");
  });
});
