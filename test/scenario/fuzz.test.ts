import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CtrlhuntError } from "../../src/errors/index.ts";
import { parseWorkflowText, serializeWorkflow } from "../../src/formats/workflow-io.ts";
import { resolveWorkflow } from "../../src/formats/workflow-resolve.ts";
import { lintWorkflow } from "../../src/scenario/index.ts";
import { migrateWorkflow } from "../../src/scenario/migrate.ts";
import { kameraInputFiles, readText } from "../formats/fixtures.ts";

/**
 * Mutated real workflow files: fields deleted, retyped, duplicated and swapped, text truncated or corrupted.
 * Every outcome is either a valid workflow (which then resolves, lints, migrates and round-trips) or a
 * CtrlhuntError whose issues each name a location and say what is wrong. Nothing else may escape.
 */
type Json = unknown;
type Path = (string | number)[];

const texts = kameraInputFiles().map(readText);

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function parentOf(
  root: Json,
  p: Path,
): { parent: Record<string | number, Json>; key: string | number } | undefined {
  if (p.length === 0) return undefined;
  let cur = root as Record<string | number, Json>;
  for (const seg of p.slice(0, -1)) cur = cur[seg] as Record<string | number, Json>;
  return { parent: cur, key: p[p.length - 1] as string | number };
}

const replacement = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -3, max: 300 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(null, [], {}, "", -1, 0, 2 ** 60, "CREATE", "v1/Pod", "monte_carlo", { name: "" }),
);

const op = fc.record({
  kind: fc.constantFrom("delete", "retype", "duplicate", "swap", "rename"),
  a: fc.nat(),
  b: fc.nat(),
  value: replacement,
});

function mutate(root: Json, m: { kind: string; a: number; b: number; value: Json }): Json {
  const all = paths(root);
  const p = all[m.a % all.length] as Path;
  const q = all[m.b % all.length] as Path;
  const at = parentOf(root, p);
  if (!at) return m.kind === "retype" ? m.value : root;
  const { parent, key } = at;
  const swapIn = parentOf(root, q);
  if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.kind === "retype") parent[key] = m.value;
  else if (m.kind === "duplicate") {
    const copy = structuredClone(parent[key]);
    if (Array.isArray(parent)) parent.push(copy);
    else parent[`${key}_copy`] = copy;
  } else if (m.kind === "swap" && swapIn && !q.slice(0, p.length).every((s, i) => s === p[i])) {
    const tmp = parent[key];
    parent[key] = structuredClone(swapIn.parent[swapIn.key]);
    if (!p.slice(0, q.length).every((s, i) => s === q[i])) swapIn.parent[swapIn.key] = tmp;
  } else if (m.kind === "rename" && !Array.isArray(parent)) {
    parent[String(key).toUpperCase()] = parent[key];
    delete parent[key];
  }
  return root;
}

const textDamage = fc.record({
  kind: fc.constantFrom("none", "none", "none", "truncate", "corrupt"),
  at: fc.nat(),
  ch: fc.constantFrom("}", "]", ",", '"', "x", "\u0000", "{"),
});

describe("fuzz: mutated workflow files", () => {
  it("never crash; every rejection is a CtrlhuntError whose issues have a path and a message", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { minLength: 1, maxLength: 4 }), textDamage, (pick, ops, damage) => {
        const base = texts[pick % texts.length] as string;
        let doc: Json = JSON.parse(base);
        for (const m of ops) doc = mutate(doc, m);
        let text = JSON.stringify(doc, null, 2) ?? "";
        const at = damage.at % (text.length + 1);
        if (damage.kind === "truncate") text = text.slice(0, at);
        if (damage.kind === "corrupt") text = text.slice(0, at) + damage.ch + text.slice(at + 1);
        try {
          const w = parseWorkflowText(text, "fuzz.json");
          accepted++;
          // accepted files are usable end to end and still lossless
          resolveWorkflow(w);
          lintWorkflow(w, {}, "fuzz.json");
          migrateWorkflow(w);
          expect(JSON.parse(serializeWorkflow(w))).toEqual(JSON.parse(text));
        } catch (e) {
          if (!(e instanceof CtrlhuntError)) throw e;
          rejected++;
          expect(["CTRLHUNT_WORKFLOW_INVALID", "CTRLHUNT_JSON_MALFORMED"]).toContain(e.code);
          expect(e.issues.length).toBeGreaterThan(0);
          for (const issue of e.issues) {
            expect(issue.file).toBe("fuzz.json");
            expect(issue.path.length).toBeGreaterThan(0);
            expect(issue.message.length).toBeGreaterThan(5);
            expect(issue.message).not.toMatch(/^Invalid input$|undefined undefined/);
          }
        }
      }),
      { numRuns: 1200, seed: 20240611 },
    );
    expect(accepted + rejected).toBe(1200);
    // the mutator exercises both outcomes substantially
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(300);
  });
});
