import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Transcript } from "../../src/formats/transcript.ts";
import { runCli } from "../helpers/run-cli.ts";
import { type Exchange, ledgerWorkspace } from "./replay.ts";

/** A local Messages API stand-in that answers with recorded exchanges (reached via ANTHROPIC_BASE_URL). */
async function recordedServer(fixture: string) {
  const exchanges: Exchange[] = JSON.parse(
    fs.readFileSync(new URL(`../fixtures/anthropic/${fixture}`, import.meta.url), "utf8"),
  );
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => {
      const ex = exchanges.shift();
      if (!ex) return res.writeHead(500).end();
      res.writeHead(ex.status, ex.headers).end(JSON.stringify(ex.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, paths, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("ctrlhunt phase --agent anthropic", () => {
  it("drives a phase with the model, prints the outcome and exits 3 when the budget ran out", async () => {
    const srv = await recordedServer("budget.json");
    close = srv.close;
    const root = ledgerWorkspace();
    const r = await runCli(
      [
        "phase",
        "analyze",
        "--project",
        "ledger",
        "--workspace",
        root,
        "--agent",
        "anthropic",
        "--budget-usd",
        "0.5",
      ],
      {
        env: {
          ANTHROPIC_API_KEY: "sk-ant-test",
          ANTHROPIC_BASE_URL: srv.url,
          SOURCE_DATE_EPOCH: "1700000000",
        },
      },
    );
    expect(r.code).toBe(3);
    expect(srv.paths).toEqual(["POST /v1/messages"]);
    expect(r.stdout).toContain(
      "analyze: budget-usd — dollar budget exhausted: spent $0.5700 of $0.5 after 1 turn(s)",
    );
    expect(r.stdout).toContain("transcript evidence/ledger/transcripts/analyze-1.json");
    const t = Transcript.parse(
      JSON.parse(fs.readFileSync(path.join(root, "evidence/ledger/transcripts/analyze-1.json"), "utf8")),
    );
    // The system prompt is the analyze playbook rendered for this project; the tools are the ones it lists.
    expect(t.system).toContain("# Analyze the runs of ledger");
    expect(t.tools).toEqual([
      "metrics",
      "states",
      "diff",
      "paths",
      "kindseq",
      "read_source",
      "add_hypothesis",
      "list_invariants",
      "propose_invariants",
      "add_invariant",
    ]);
    expect(t.startedAt).toBe("2023-11-14T22:13:20.000Z");
  });

  it("completes a phase and exits 0", async () => {
    const srv = await recordedServer("invalid-input.json");
    close = srv.close;
    const root = ledgerWorkspace();
    const r = await runCli(
      ["phase", "analyze", "--project", "ledger", "--workspace", root, "--agent", "anthropic", "--json"],
      {
        env: { ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: srv.url },
      },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      stopReason: "completed",
      transcript: "evidence/ledger/transcripts/analyze-1.json",
    });
    expect(out.toolCalls).toEqual([
      { name: "read_source", ok: false },
      { name: "read_source", ok: true },
      { name: "add_hypothesis", ok: true },
    ]);
    expect(fs.existsSync(path.join(root, "hypotheses/ledger/H1.yaml"))).toBe(true);
    expect(r.stderr).toContain("tool read_source (rejected or failed)");
  });
});
