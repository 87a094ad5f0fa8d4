import { describe, expect, it } from "vitest";
import { handRegions, mergeHandRegions } from "../../src/report/index.ts";

const doc = (body: string) =>
  `# Title\n\n${body}\n<!-- hand:notes:start -->\n<!-- hand:notes:end -->\n\n<!-- end of generated document -->\n`;

describe("hand-written regions", () => {
  it("survive regeneration verbatim while the generated text around them changes", () => {
    const edited = doc("old body").replace(
      "<!-- hand:notes:start -->\n",
      "<!-- hand:notes:start -->\nOur own notes | with `code`\n\n- kept\n",
    );
    const merged = mergeHandRegions(edited, doc("new body"), "<!-- end of generated document -->");
    expect(merged).toContain("new body");
    expect(merged).not.toContain("old body");
    expect(handRegions(merged).get("notes")).toBe("Our own notes | with `code`\n\n- kept\n");
    expect(mergeHandRegions(merged, doc("new body"), "<!-- end of generated document -->")).toBe(merged);
  });

  it("keeps a region whose section disappeared, before the end marker", () => {
    const previous = `${doc("x")}<!-- hand:F9-notes:start -->\nF9 audit\n<!-- hand:F9-notes:end -->\n`;
    const merged = mergeHandRegions(previous, doc("y"), "<!-- end of generated document -->");
    expect(merged).toMatch(
      /## Preserved hand-written notes[\s\S]*F9 audit[\s\S]*<!-- end of generated document -->\n$/,
    );
    expect(handRegions(merged).get("F9-notes")).toBe("F9 audit\n");
  });
});
