import { describe, expect, it } from "vitest";
import { block, cell, code, fenced, inline } from "../../src/report/index.ts";

/** Unescaped pipes split a GFM table row into cells. */
const columns = (row: string) => row.split(/(?<!\\)\|/).length - 2;

describe("markdown escaping", () => {
  it("keeps a title with | and <script> inside one table cell, as text", () => {
    const title = "Order | ends <script>alert('x')</script>";
    const row = `| F1 | ${cell(title)} | P1 |`;
    expect(columns(row)).toBe(3);
    expect(row).not.toContain("<script>");
    expect(cell(title)).toBe("Order \\| ends &lt;script&gt;alert('x')&lt;/script&gt;");
  });

  it("turns newlines into <br> in cells and into spaces in headings", () => {
    expect(cell("line one\nline | two")).toBe("line one<br>line \\| two");
    expect(inline("a\n## not a heading")).toBe("a ## not a heading");
  });

  it("escapes backticks, emphasis and link brackets", () => {
    expect(inline("`rm -rf` *bold* _em_ [x](javascript:alert(1))")).toBe(
      "\\`rm -rf\\` \\*bold\\* \\_em\\_ \\[x\\](javascript:alert(1))",
    );
  });

  it("keeps kamera's verbatim labels and [Cn] references, but never as links", () => {
    expect(inline("[Inferred from code, not observed in trace] see [C2]")).toBe(
      "[Inferred from code, not observed in trace] see [C2]",
    );
    expect(inline("*Inferred from code:* x")).toBe("*Inferred from code:* x");
    expect(inline("[C1](http://evil)")).toBe("\\[C1\\](http://evil)");
    expect(inline("[C1]: http://evil")).toBe("\\[C1\\]: http://evil");
  });

  it("keeps lists in blocks but neutralises headings, setext underlines and HTML", () => {
    const out = block("intro\n---\n# title\n- item\n1. step\n<img src=x onerror=alert(1)>");
    expect(out.split("\n")).toEqual([
      "intro",
      "\\---",
      "\\# title",
      "- item",
      "1. step",
      "&lt;img src=x onerror=alert(1)&gt;",
    ]);
  });

  it("fences code with more backticks than the content holds", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(fenced("echo ```", "sh")).toBe("````sh\necho ```\n````");
  });
});
