import { describe, expect, it } from "vitest";
import { canonicalKindOf, checkCanonicalKind, kindGroups } from "../../src/formats/workflow-kinds.ts";

describe("canonical kinds (group/Kind, no version, core for the core group)", () => {
  it("derives the canonical kind of an object from apiVersion and kind", () => {
    expect(canonicalKindOf("v1", "Pod")).toBe("core/Pod");
    expect(canonicalKindOf("apps/v1", "Deployment")).toBe("apps/Deployment");
    expect(canonicalKindOf("karpenter.sh/v1", "NodeClaim")).toBe("karpenter.sh/NodeClaim");
  });

  it("accepts canonical strings from real scenarios", () => {
    for (const k of [
      "core/Pod",
      "apps/Deployment",
      "apiextensions.crossplane.io/CompositionRevision",
      "kro.run/Application",
    ])
      expect(checkCanonicalKind(k)).toEqual({ ok: true });
  });

  it.each([
    ["v1/Pod", "core/Pod", /version where the group belongs/],
    ["apps/v1/Deployment", "apps/Deployment", /contains a version/],
    ["core/v1/Pod", "core/Pod", /contains a version/],
    ["/Pod", "core/Pod", /empty group/],
    ["Pod", "core/Pod", /no group/],
    ["Deployment", "apps/Deployment", /no group/],
    ["core/pod", "core/Pod", /upper-case/],
    [" core/Pod", "core/Pod", /spaces/],
  ])("flags %s and suggests %s", (kind, suggestion, problem) => {
    const res = checkCanonicalKind(kind);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.suggestion).toBe(suggestion);
    expect(res.problem).toMatch(problem);
  });

  it("suggests the group seen in the scenario's own objects, and none when it cannot be known", () => {
    const groups = kindGroups([{ apiVersion: "apis.kcp.io/v1alpha1", kind: "APIExport" }]);
    expect(checkCanonicalKind("APIExport", groups)).toMatchObject({
      ok: false,
      suggestion: "apis.kcp.io/APIExport",
    });
    expect(checkCanonicalKind("NodeClaim")).toMatchObject({ ok: false, suggestion: undefined });
    expect(checkCanonicalKind("apps/v1")).toMatchObject({
      ok: false,
      problem: "ends in a version, not a Kind",
    });
  });
});
