import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reshapeBody, templatesFrom } from "../../scripts/record-anthropic.ts";
import { ErrorShape, MessageShape, SHAPES_FIT_SDK } from "./messages-shape.ts";

const DIR = path.resolve(import.meta.dirname, "../fixtures/anthropic");
const fixtures = fs.readdirSync(DIR).filter((f) => f.endsWith(".json") && f !== "live-shape.json");

describe("recorded Messages API exchanges", () => {
  it("are checked against the SDK's own response types", () => {
    expect(SHAPES_FIT_SDK).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const f of fixtures)
    it(`${f}: every body has exactly the shape of the current Messages API`, () => {
      const exchanges = JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")) as Array<{
        status: number;
        headers: Record<string, string>;
        body: unknown;
      }>;
      for (const [i, e] of exchanges.entries()) {
        const res = (e.status === 200 ? MessageShape : ErrorShape).safeParse(e.body);
        expect(
          res.success ? [] : res.error.issues.map((x) => `${f}[${i}].body.${x.path.join(".")}: ${x.message}`),
        ).toEqual([]);
        expect(e.headers["request-id"]).toMatch(/^req_/);
      }
    });

  it("re-shaping keeps what the tests assert on and adds what the API added", () => {
    const live = {
      id: "msg_live",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5-20250929",
      content: [{ type: "text", text: "ready", citations: null, future_field: 1 }],
      container: null,
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1, service_tier: "standard" },
    };
    const tool = {
      content: [{ type: "tool_use", id: "toolu_x", name: "x", input: {}, caller: { type: "direct" } }],
    };
    const t = templatesFrom(live, tool, {
      type: "error",
      error: { type: "api_error", message: "" },
      request_id: null,
    });
    const old = {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "m",
      content: [
        { type: "tool_use", id: "toolu_01", name: "read_source", input: { path: "a" }, legacy: true },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5 },
    };
    expect(reshapeBody(old, t)).toEqual({
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "m",
      content: [
        {
          type: "tool_use",
          id: "toolu_01",
          name: "read_source",
          input: { path: "a" },
          caller: { type: "direct" },
        },
      ],
      container: null,
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5, service_tier: "standard" },
    });
  });
});
