import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CtrlhuntError, formatIssue } from "../../src/errors/index.ts";
import { checkWorkflowText, parseWorkflowText } from "../../src/formats/workflow-io.ts";
import { jsonPath, workflowErrorMap } from "../../src/formats/workflow-issues.ts";

/** One line per problem, exactly as the CLI prints them. */
function lines(value: unknown, file = "f.json"): string[] {
  const res = checkWorkflowText(typeof value === "string" ? value : JSON.stringify(value, null, 2), file);
  return res.ok ? [] : res.issues.map(formatIssue);
}

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "w" } };
const scenario = (extra: Record<string, unknown>) => ({
  name: "s/x",
  environmentState: { objects: [pod] },
  ...extra,
});

describe("workflow issues: file:json.path: message", () => {
  it("names the failing interval field with both values", () => {
    const iv = { reconciler: "R", kind: "core/Pod", staleAt: 5, catchUpAt: 3, lag: -1 };
    expect(lines([scenario({ tuning: { stalenessIntervals: [iv] } })])).toEqual([
      "f.json:[0].tuning.stalenessIntervals[0].catchUpAt: catchUpAt (3) must be greater than staleAt (5)",
    ]);
  });

  it("reports every problem of a file at once, in document order", () => {
    const bad = [
      scenario({ tuning: { maxDepth: "5", search: { mode: "bfs", monteCarlo: { trials: 0 } } } }),
      { name: "s/x", externalInputs: [{ opType: "create", object: { apiVersion: "", kind: "Pod" } }] },
    ];
    expect(lines(bad)).toEqual([
      'f.json:[0].tuning.maxDepth: expected a number, got string "5"',
      'f.json:[0].tuning.search.mode: search.mode must be "dfs", "monte_carlo" or ""',
      "f.json:[0].tuning.search.monteCarlo.trials: must be ≥ 1, got number 0",
      "f.json:[1].externalInputs[0].object.apiVersion: apiVersion must be a non-blank string",
      'f.json:[1].externalInputs[0].opType: must be one of "CREATE", "UPDATE", "DELETE"; got string "create" (did you mean "CREATE"?)',
      'f.json:[1].name: duplicate scenario name "s/x" (also [0])',
    ]);
  });

  it("words each zod issue kind clearly", () => {
    const out = lines([
      scenario({
        tuning: {
          permuteControllers: "A",
          userActionReadyDepths: { "0": 1.5 },
          staleLookback: { "core/Pod": "x" },
          faultInjection: [{ reconciler: "R", crashAfterEffect: -1, triggerOnce: "yes" }],
          search: { monteCarlo: { seed: 2 ** 60 } },
        },
      }),
    ]);
    expect(out).toContain('f.json:[0].tuning.permuteControllers: expected an array, got string "A"');
    expect(out).toContain(
      'f.json:[0].tuning.userActionReadyDepths["0"]: expected an integer, got number 1.5',
    );
    expect(out).toContain('f.json:[0].tuning.staleLookback["core/Pod"]: expected a number, got string "x"');
    expect(out).toContain("f.json:[0].tuning.faultInjection[0].crashAfterEffect: must be ≥ 0, got number -1");
    expect(out).toContain(
      'f.json:[0].tuning.faultInjection[0].triggerOnce: expected a boolean (true or false), got string "yes"',
    );
    expect(out.find((l) => l.includes("monteCarlo.seed"))).toMatch(/beyond the safe integer range/);
  });

  it("explains missing fields, including G1/G2 mix-ups and Go's case-insensitive keys", () => {
    const out = lines([
      { Name: "x", externalInputs: [{ type: "CREATE", object: pod }] },
      { name: "y", userInputs: [{ opType: "CREATE", Object: pod }] },
    ]);
    expect(out).toContain(
      'f.json:[0].externalInputs[0].opType: required field is missing (one of "CREATE", "UPDATE", "DELETE") (found G1 key "type": in externalInputs the field is opType; `ctrlhunt scenario migrate` rewrites it)',
    );
    expect(out.find((l) => l.startsWith("f.json:[0].name:"))).toMatch(
      /found "Name": kamera matches keys case-insensitively/,
    );
    expect(out.find((l) => l.startsWith("f.json:[1].userInputs[0].type:"))).toMatch(
      /rename it to externalInputs/,
    );
    expect(out.find((l) => l.startsWith("f.json:[1].userInputs[0].object:"))).toMatch(/found "Object"/);
  });

  it("rejects files that are not a non-empty array of scenarios, with a location for every issue", () => {
    expect(lines({ name: "x" })).toEqual([
      "f.json:$: a workflow file is a JSON array of scenarios: expected an array, got object (wrap the scenario in [ ])",
    ]);
    expect(lines([])).toEqual(["f.json:$: inputs file contains no scenarios"]);
    expect(lines([{ name: "x" }])).toEqual([
      "f.json:[0]: scenario needs at least one environmentState.objects entry or externalInputs entry",
    ]);
    expect(lines([5])).toEqual(["f.json:[0]: expected an object, got number 5"]);
  });

  it("names line and column of malformed JSON", () => {
    expect(lines('[\n  {"name": "x",\n   "tuning": {"maxDepth": }\n  }\n]')).toEqual([
      "f.json:3:27: malformed JSON: Unexpected token '}'",
    ]);
    expect(lines('[{"name": "x"},')).toEqual(["f.json:1:16: malformed JSON: Unexpected end of JSON input"]);
    expect(lines("")).toEqual(["f.json:1:1: malformed JSON: Unexpected end of JSON input"]);
  });

  it("throws CtrlhuntError CTRLHUNT_WORKFLOW_INVALID carrying the issues", () => {
    try {
      parseWorkflowText("[]", "f.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CtrlhuntError);
      expect((e as CtrlhuntError).code).toBe("CTRLHUNT_WORKFLOW_INVALID");
      expect((e as CtrlhuntError).issues).toHaveLength(1);
    }
  });

  it("accepts a UTF-8 byte-order mark", () => {
    expect(lines(`\uFEFF${JSON.stringify([scenario({})])}`)).toEqual([]);
  });
});

describe("jsonPath", () => {
  it("uses dots for identifiers, [n] for indexes, quoted brackets otherwise, $ for the root", () => {
    expect(jsonPath([0, "tuning", "stalenessIntervals", 1, "kind"])).toBe(
      "[0].tuning.stalenessIntervals[1].kind",
    );
    expect(jsonPath([0, "tuning", "staleLookback", "core/Pod"])).toBe('[0].tuning.staleLookback["core/Pod"]');
    expect(jsonPath([])).toBe("$");
  });
});

describe("workflowErrorMap words every zod issue kind", () => {
  type Code = z.core.$ZodIssue["code"];
  /** One schema + input per zod issue code; keyed by the code union, so a new zod code fails to compile here. */
  const cases: Record<Code, [z.ZodType, unknown, RegExp]> = {
    invalid_type: [z.number(), "3", /^expected a number, got string "3"$/],
    too_big: [z.number().max(5), 9, /^must be ≤ 5, got number 9$/],
    too_small: [z.array(z.string()).min(2), ["a"], /^must have at least 2 entries$/],
    invalid_format: [z.string().regex(/^v\d+$/), "x", /^must be a valid regex, got string "x"$/],
    not_multiple_of: [z.number().multipleOf(5), 7, /^must be a multiple of 5, got number 7$/],
    unrecognized_keys: [z.strictObject({ a: z.number() }), { a: 1, b: 2 }, /^unknown field "b"$/],
    invalid_union: [
      z.union([z.string(), z.number()]),
      true,
      /^does not match any allowed shape \(got boolean true\)$/,
    ],
    invalid_key: [
      z.record(z.string().min(2), z.number()),
      { y: 1 },
      /^invalid key string "y": must have at least 2 characters$/,
    ],
    invalid_element: [
      z.map(z.object({}), z.number()),
      new Map([[{}, "b"]]),
      /^invalid entry object: expected a number/,
    ],
    invalid_value: [
      z.enum(["dfs", "monte_carlo"]),
      "DFS",
      /^must be one of "dfs", "monte_carlo"; got string "DFS" \(did you mean "dfs"\?\)$/,
    ],
    custom: [z.number().refine((n) => n > 0, { message: "must be positive" }), -1, /^must be positive$/],
  };

  it.each(Object.entries(cases))("%s", (_code, [schema, input, message]) => {
    const res = schema.safeParse(input, { error: workflowErrorMap, reportInput: true });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toMatch(message);
  });
});
