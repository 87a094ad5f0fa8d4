import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { anthropicClient, type MessagesClient } from "../../src/agent/index.ts";

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are free-form JSON the tests index into.
export type RequestBody = Record<string, any>;

/** A fetch that answers with recorded exchanges in order and keeps every request body it was sent. */
export function replay(fixture: string): { client: MessagesClient; requests: RequestBody[] } {
  const exchanges: Exchange[] = JSON.parse(
    fs.readFileSync(new URL(`../fixtures/anthropic/${fixture}`, import.meta.url), "utf8"),
  );
  const requests: RequestBody[] = [];
  const fetch = (async (_url: string, init?: { body?: string }) => {
    requests.push(JSON.parse(String(init?.body)));
    const ex = exchanges.shift();
    if (!ex) throw new Error(`${fixture}: more requests than recorded responses`);
    return new Response(JSON.stringify(ex.body), { status: ex.status, headers: ex.headers });
  }) as unknown as typeof globalThis.fetch;
  return { client: anthropicClient({ ANTHROPIC_API_KEY: "sk-ant-test" }, { fetch }), requests };
}

/** A workspace with one project ("ledger"): a project.ts to read and a base scenario to cite. */
export function ledgerWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-agent-"));
  const dir = path.join(root, "projects", "ledger");
  fs.mkdirSync(path.join(dir, "scenarios"), { recursive: true });
  fs.mkdirSync(path.join(root, "hypotheses"));
  fs.mkdirSync(path.join(root, "evidence"));
  fs.writeFileSync(
    path.join(dir, "project.ts"),
    [
      'import { defineController, defineProject } from "ctrlhunt";',
      "",
      "// Writer sums the entries into status.total; Auditor recomputes it from its own (possibly stale) read.",
      'export default defineProject({ name: "ledger", controllers: [',
      '  defineController({ id: "Writer", for: "example.com/Ledger", reconcile() {} }),',
      '  defineController({ id: "Auditor", for: "example.com/Ledger", reconcile() {} }),',
      "] });",
      "",
    ].join("\n"),
  );
  const ledger = {
    apiVersion: "example.com/v1",
    kind: "Ledger",
    metadata: { name: "books", namespace: "default" },
    spec: { entries: [1, 2] },
  };
  fs.writeFileSync(
    path.join(dir, "scenarios", "l1_baseline.json"),
    `${JSON.stringify([{ name: "l1/baseline", environmentState: { objects: [ledger] }, tuning: { maxDepth: 20 } }], null, 2)}\n`,
  );
  return root;
}
