import { describe, expect, it } from "vitest";
import type { KubeObj } from "../../src/formats/kube-object.ts";
import {
  BUILTIN_INVARIANTS,
  canonicalOwnerKind,
  type ObjectRef,
  viewOf,
} from "../../src/invariants/index.ts";

const [stuck, orphan] = BUILTIN_INVARIANTS as [
  (typeof BUILTIN_INVARIANTS)[0],
  (typeof BUILTIN_INVARIANTS)[0],
];
const entry = (kind: string, object: KubeObj) => ({
  ref: { kind, namespace: object.metadata.namespace ?? "", name: object.metadata.name } as ObjectRef,
  object,
});
const app = (uid = "u1", extra: Partial<KubeObj["metadata"]> = {}): KubeObj => ({
  apiVersion: "example.com/v1",
  kind: "App",
  metadata: { name: "a", namespace: "default", uid, ...extra },
});
const pod = (owner: { uid?: string; controller?: boolean }): KubeObj => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "a-0",
    namespace: "default",
    ownerReferences: [{ apiVersion: "example.com/v1", kind: "App", name: "a", ...owner }],
  },
});

describe("built-in invariants", () => {
  it("maps ownerReference apiVersion + kind to canonical kinds", () => {
    expect(canonicalOwnerKind("apps/v1", "Deployment")).toBe("apps/Deployment");
    expect(canonicalOwnerKind("v1", "Pod")).toBe("core/Pod");
  });

  it("flags an object still terminating at convergence, naming its finalizers", () => {
    const v = viewOf([
      entry(
        "example.com/App",
        app("u1", { deletionTimestamp: "2024-01-01T00:00:00Z", finalizers: ["guard"] }),
      ),
    ]);
    expect(stuck.check(v)).toEqual([
      {
        message: "example.com/App default/a is still terminating (finalizers: guard)",
        objects: [{ kind: "example.com/App", namespace: "default", name: "a" }],
      },
    ]);
    expect(stuck.check(viewOf([entry("example.com/App", app())]))).toEqual([]);
    // Held only by Kubernetes' own finalizers (whose controllers a model does not run): not the project's doing.
    const pvc = app("u1", {
      deletionTimestamp: "2024-01-01T00:00:00Z",
      finalizers: ["kubernetes.io/pvc-protection", "foregroundDeletion"],
    });
    expect(stuck.check(viewOf([entry("example.com/App", pvc)]))).toEqual([]);
  });

  it("flags a controlled child whose owner is gone or was re-created with another UID", () => {
    const gone = viewOf([entry("core/Pod", pod({ uid: "u1", controller: true }))]);
    expect(orphan.check(gone).map((x) => x.message)).toEqual([
      "core/Pod default/a-0 is controlled by example.com/App default/a, which is gone",
    ]);
    const recreated = viewOf([
      entry("example.com/App", app("u2")),
      entry("core/Pod", pod({ uid: "u1", controller: true })),
    ]);
    expect(orphan.check(recreated)).toHaveLength(1);
  });

  it("accepts a child whose owner exists, and a non-controller owner reference", () => {
    const owned = viewOf([
      entry("example.com/App", app("u1")),
      entry("core/Pod", pod({ uid: "u1", controller: true })),
    ]);
    expect(orphan.check(owned)).toEqual([]);
    expect(orphan.check(viewOf([entry("core/Pod", pod({ uid: "u1" }))]))).toEqual([]);
  });
});
