import { describe, expect, it } from "vitest";
import { CtrlhuntError } from "../../src/errors/index.ts";
import { parseAddFlags } from "../../src/hypotheses/add-options.ts";

const base = { claim: "B before A loses the migration", type: "ordering", scenario: "s.json" };

describe("hypothesis add flags", () => {
  it("parses targets, JSON-typed parameters and predicates", () => {
    const input = parseAddFlags({
      ...base,
      type: "staleness",
      controllers: "A, B",
      kinds: "core/ConfigMap",
      param: ["staleAt=4", "catchUpAt=7"],
      predicate: ['{"op":"exists","kind":"core/ConfigMap","name":"app"}'],
    });
    expect(input).toMatchObject({
      type: "staleness",
      controllers: ["A", "B"],
      kinds: ["core/ConfigMap"],
      parameters: { staleAt: 4, catchUpAt: 7 },
      predicates: [{ op: "exists", kind: "core/ConfigMap", namespace: "", name: "app" }],
    });
  });

  it("reports every bad flag with what is allowed", () => {
    try {
      parseAddFlags({ ...base, type: "race", param: ["staleAt=soon", "oops"], predicate: ["{nope"] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CtrlhuntError);
      const messages = (e as CtrlhuntError).issues.map((i) => `${i.path}: ${i.message}`);
      expect(messages[0]).toContain('--type: unknown type "race"; one of: ordering, ordering-after-event');
      expect(messages).toContain('--param: "oops" is not key=value (e.g. --param staleAt=4)');
      expect(messages.some((m) => m.startsWith("--param.staleAt:"))).toBe(true);
      expect(messages.some((m) => m.startsWith("--predicate[0]: not JSON"))).toBe(true);
    }
  });
});
