import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkflowText } from "../../src/formats/workflow-io.ts";

const README = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("README's scenario example (Writing your own target)", () => {
  it("is a valid workflow file", () => {
    const m = /```json\n(\[\n {2}\{\n {4}"name": "shop\/delete-order"[\s\S]*?)```/.exec(README);
    expect(m).not.toBeNull();
    const res = checkWorkflowText(m?.[1] ?? "", "README.md");
    expect(res.ok ? [] : res.issues).toEqual([]);
  });
});
