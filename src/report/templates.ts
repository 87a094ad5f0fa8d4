import fs from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { block, cell, code, fenced, inline } from "./escape.ts";
import { handEnd, handStart } from "./hand-regions.ts";

/**
 * The handlebars environment for generated documents. Templates compile with noEscape (HTML escaping is wrong
 * for markdown), so every value must pass through a helper below; test/report/templates.test.ts checks that no
 * template prints a bare value.
 */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Helpers that print a value, each escaping for its markdown context. */
export const PRINT_HELPERS = [
  "t",
  "cell",
  "block",
  "code",
  "fenced",
  "n",
  "list",
  "hand",
  "mermaid",
] as const;

/** Template file of each partial (one per record-derived section). */
export const PARTIALS = { finding: "finding-section.hbs", rerun: "rerun-section.hbs" } as const;
export const DOCUMENTS = { analysis: "analysis.md.hbs", rollup: "bug-findings.md.hbs" } as const;

const regionName = (name: unknown) => String(name).replace(/[^A-Za-z0-9_.-]/g, "_");

function environment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("t", (v: unknown) => inline(v));
  hb.registerHelper("cell", (v: unknown) => cell(v));
  hb.registerHelper("block", (v: unknown) => block(v));
  hb.registerHelper("code", (v: unknown) => code(v));
  hb.registerHelper("fenced", (v: unknown, lang: unknown) => fenced(v, typeof lang === "string" ? lang : ""));
  hb.registerHelper("n", (v: unknown) =>
    typeof v === "number" && Number.isFinite(v) ? String(v) : inline(v),
  );
  hb.registerHelper("list", (v: unknown) => (Array.isArray(v) ? v.map((x) => cell(x)).join(", ") : cell(v)));
  hb.registerHelper(
    "hand",
    (name: unknown) => `${handStart(regionName(name))}\n${handEnd(regionName(name))}`,
  );
  // Diagram text is built by mermaid.ts, which escapes every label for Mermaid.
  hb.registerHelper("mermaid", (v: unknown) => fenced(String(v), "mermaid"));
  hb.registerHelper("concat", (...args: unknown[]) => args.slice(0, -1).map(String).join(""));
  for (const [name, file] of Object.entries(PARTIALS))
    hb.registerPartial(name, fs.readFileSync(`${TEMPLATE_DIR}${file}`, "utf8"));
  return hb;
}

let compiled: Record<keyof typeof DOCUMENTS, HandlebarsTemplateDelegate> | undefined;

/** Compiled document templates (compiled once per process; rendering stays pure). */
export function documentTemplates(): Record<keyof typeof DOCUMENTS, HandlebarsTemplateDelegate> {
  if (!compiled) {
    const hb = environment();
    const compile = (file: string) =>
      hb.compile(fs.readFileSync(`${TEMPLATE_DIR}${file}`, "utf8"), { noEscape: true, preventIndent: true });
    compiled = { analysis: compile(DOCUMENTS.analysis), rollup: compile(DOCUMENTS.rollup) };
  }
  return compiled;
}
