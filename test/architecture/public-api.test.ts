import { describe, expect, it } from "vitest";
import * as api from "../../src/index.ts";

/** Users write projects and tools against these names; removing one is a breaking change, adding one a decision. */
const CONTRACT = ["defineController", "defineProject", "CtrlhuntError"];

describe('public API (import … from "ctrlhunt")', () => {
  it("exports the controller API contract", () => {
    for (const name of CONTRACT) expect(api, name).toHaveProperty(name);
    expect(typeof api.defineProject).toBe("function");
  });

  it("matches the pinned list of runtime exports", () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });
});
