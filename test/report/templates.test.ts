import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTS, PARTIALS, PRINT_HELPERS, TEMPLATE_DIR } from "../../src/report/templates.ts";

/** Templates compile with noEscape, so a bare {{value}} would print a user string unescaped. */
const CONTROL = /^(#|\/|else\b|>|!|~)/;

describe("templates", () => {
  const files = [...Object.values(DOCUMENTS), ...Object.values(PARTIALS)];

  it("print every value through an escaping helper (no bare or triple-stash mustaches)", () => {
    const bare: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(TEMPLATE_DIR, file), "utf8");
      expect(text).not.toMatch(/\{\{\{/);
      for (const m of text.matchAll(/\{\{([^}]*)\}\}/g)) {
        const expr = m[1].trim();
        if (CONTROL.test(expr)) continue;
        const helper = expr.split(/\s+/)[0];
        if (!(PRINT_HELPERS as readonly string[]).includes(helper)) bare.push(`${file}: {{${expr}}}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it("exist for every generated document and record section", () => {
    for (const file of files) expect(fs.existsSync(path.join(TEMPLATE_DIR, file)), file).toBe(true);
  });
});
