import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  currentCliReference,
  README,
  renderCliReference,
  withCliReference,
} from "../../scripts/gen-cli-reference.ts";

describe("README CLI reference", () => {
  const generated = renderCliReference();

  it("covers every command of the tree, each with its help text and examples", () => {
    expect(generated).toContain("### `ctrlhunt`");
    for (const sub of ["validate", "migrate", "lint", "resolve", "schema"]) {
      expect(generated).toContain(`### \`ctrlhunt scenario ${sub}\``);
      expect(generated).toContain(`Usage: ctrlhunt scenario ${sub}`);
    }
    expect(generated).toContain("$ ctrlhunt scenario validate");
  });

  it("is up to date in README.md (run `npm run docs:cli` after changing commands)", () => {
    const readme = fs.readFileSync(README, "utf8");
    expect(currentCliReference(readme), "README has no cli-reference markers").toBeDefined();
    expect(currentCliReference(readme)).toBe(generated);
  });

  it("replaces only the block between the markers, and appends markers when absent", () => {
    const doc = "# x\n\nintro\n\n<!-- cli-reference:start -->\nold\n<!-- cli-reference:end -->\n\n## after\n";
    expect(withCliReference(doc, "new\n")).toBe(
      "# x\n\nintro\n\n<!-- cli-reference:start -->\nnew\n<!-- cli-reference:end -->\n\n## after\n",
    );
    const appended = withCliReference("# x\n", "block\n");
    expect(currentCliReference(appended)).toBe("block\n");
    expect(withCliReference(appended, "block\n")).toBe(appended);
  });
});
