/**
 * Keep the recorded Messages API exchanges (test/fixtures/anthropic/*.json) in the shape the live API answers with.
 *   ANTHROPIC_API_KEY=… node --import tsx scripts/record-anthropic.ts [--model claude-sonnet-4-5] [--dry-run]
 *
 * 1. Records two live responses (one plain text, one forced tool_use) into test/fixtures/anthropic/live-shape.json.
 * 2. Re-shapes every recorded body to the live field set, object by object (message, usage, text and tool_use
 *    blocks, error bodies): fields the API added are filled with the live response's value for them (null, the
 *    caller, the service tier…), fields it dropped are removed. What the tests assert on — ids, text, tool inputs,
 *    token counts, stop reasons, statuses and headers — is kept, so the replayed conversations stay the same.
 * Without a key (or network) it stops with exit code 2 and changes nothing.
 */
import fs from "node:fs";
import path from "node:path";

const DIR = path.join(import.meta.dirname, "..", "test", "fixtures", "anthropic");
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Live field sets per object kind, with the live value to fill a missing field with. */
export interface ShapeTemplates {
  message: Obj;
  usage: Obj;
  text: Obj;
  tool_use: Obj;
  error: Obj;
}

/** Keys of `live` in its order; the recorded value where there is one, else the live one. */
function reshapeObject(recorded: Obj, live: Obj, keep: readonly string[] = []): Obj {
  const out: Obj = {};
  for (const k of Object.keys(live)) out[k] = k in recorded ? recorded[k] : live[k];
  for (const k of keep) if (k in recorded) out[k] = recorded[k];
  return out;
}

export function reshapeBody(body: unknown, t: ShapeTemplates): unknown {
  if (!isObj(body)) return body;
  if (body.type === "error") return reshapeObject(body, t.error);
  if (body.type !== "message") return body;
  const content = Array.isArray(body.content)
    ? body.content.map((b) =>
        isObj(b) && (b.type === "text" || b.type === "tool_use") ? reshapeObject(b, t[b.type]) : b,
      )
    : body.content;
  const usage = isObj(body.usage) ? reshapeObject(body.usage, t.usage) : body.usage;
  return { ...reshapeObject(body, t.message), content, usage };
}

/** Field templates from live bodies: the first text and tool_use blocks, the usage, the message around them. */
export function templatesFrom(text: Obj, tool: Obj, error: Obj): ShapeTemplates {
  const blocks = [...(text.content as Obj[]), ...(tool.content as Obj[])];
  const block = (type: string) => {
    const b = blocks.find((x) => x.type === type);
    if (!b) throw new Error(`the live responses have no ${type} block`);
    return b;
  };
  return { message: text, usage: text.usage as Obj, text: block("text"), tool_use: block("tool_use"), error };
}

async function live(model: string, key: string) {
  const post = async (body: Obj) => {
    const res = await fetch(`${process.env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com"}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Obj };
  };
  const text = await post({ model, max_tokens: 64, messages: [{ role: "user", content: "Say: ready." }] });
  const tool = await post({
    model,
    max_tokens: 128,
    tools: [{ name: "list_records", description: "List records.", input_schema: { type: "object", properties: {} } }],
    tool_choice: { type: "tool", name: "list_records" },
    messages: [{ role: "user", content: "List the records." }],
  });
  const error = await post({ model, max_tokens: 0, messages: [] });
  if (text.status !== 200 || tool.status !== 200)
    throw new Error(`live calls failed: HTTP ${text.status} / ${tool.status}: ${JSON.stringify(text.body).slice(0, 300)}`);
  return { text: text.body, tool: tool.body, error: error.body };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const key = process.env.ANTHROPIC_API_KEY;
  const args = process.argv.slice(2);
  const model = args[args.indexOf("--model") + 1] && args.includes("--model") ? args[args.indexOf("--model") + 1] : "claude-sonnet-4-5";
  if (!key) {
    console.error("record-anthropic: set ANTHROPIC_API_KEY (and have network) to re-record; nothing changed");
    process.exit(2);
  }
  const shapes = await live(model as string, key);
  const templates = templatesFrom(shapes.text, shapes.tool, shapes.error);
  const dry = args.includes("--dry-run");
  if (!dry) fs.writeFileSync(path.join(DIR, "live-shape.json"), `${JSON.stringify(shapes, null, 2)}\n`);
  for (const f of fs.readdirSync(DIR).filter((x) => x.endsWith(".json") && x !== "live-shape.json").sort()) {
    const file = path.join(DIR, f);
    const exchanges = JSON.parse(fs.readFileSync(file, "utf8")) as Array<{ body: unknown }>;
    const next = exchanges.map((e) => ({ ...e, body: reshapeBody(e.body, templates) }));
    const changed = JSON.stringify(next) !== JSON.stringify(exchanges);
    console.log(`${f}: ${changed ? "re-shaped" : "already current"}`);
    if (changed && !dry) fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  }
}
