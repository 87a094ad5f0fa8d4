import { describe, expect, it } from "vitest";
import {
  defineController,
  defineProject,
  isConflict,
  type KubeObj,
  type ReconcileContext,
} from "../../src/engine/index.ts";
import type { Dump } from "../../src/formats/dump.ts";
import { allSteps, cm, converged, exploreOne, findObject, obj, objectsOf, scenario } from "./helpers.ts";

/**
 * The API-server write rules a judgement rests on, each run through the real engine:
 * - PATCH with application/merge-patch+json is RFC 7386 on the live object
 *   (https://kubernetes.io/docs/reference/using-api/api-concepts/#patch-and-apply,
 *   https://www.rfc-editor.org/rfc/rfc7386): maps merge key by key, null deletes, arrays are replaced whole;
 *   the main resource never writes .status and the status subresource writes nothing else
 *   (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#status-subresource).
 * - A resourceVersion in a write is an optimistic-lock precondition (Conflict when stale); a PUT without one is
 *   an unconditional update for built-in kinds and Invalid for custom resources
 *   (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions; apiextensions-apiserver's
 *   customresource strategy: AllowUnconditionalUpdate false).
 */

type Write = (ctx: ReconcileContext, live: KubeObj) => void;

/** One controller that performs `write` once on the ConfigMap or custom object "target", and records errors. */
async function runWrite(seed: KubeObj, write: Write): Promise<{ d: Dump; after: KubeObj; error?: string }> {
  const kind = seed.kind === "ConfigMap" ? "core/ConfigMap" : "example.com/Widget";
  const writer = defineController({
    id: "Writer",
    for: "example.com/Trigger",
    reconcile(ctx) {
      const live = ctx.get(kind, { namespace: "default", name: "target" });
      if (live && !live.metadata.annotations?.written) write(ctx, live);
    },
  });
  const project = defineProject({ name: "writes", controllers: [writer] });
  const d = await exploreOne(project, scenario("writes", [seed, obj("Trigger", "t")]));
  const state = converged(d)[0];
  const after = findObject(d, state, seed.kind, "target") as KubeObj;
  const error = allSteps(d).find((s) => s.error)?.error ?? undefined;
  return { d, after, error };
}

const target = (extra: Partial<KubeObj> = {}): KubeObj => cm("target", { a: "1", b: "2" }, extra);
/** A fresh patch head each time: the client stamps the new resourceVersion into the object it was given. */
const head = (more: Partial<KubeObj["metadata"]> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "target", namespace: "default", ...more },
});
const mark = { annotations: { written: "yes" } };

describe("ctx.patch is a JSON merge patch on the live object", () => {
  it("merges maps key by key: a patch naming only its own key keeps every other key", async () => {
    const { after } = await runWrite(target(), (ctx) => ctx.patch({ ...head(mark), data: { b: "3" } }));
    expect(after.data).toEqual({ a: "1", b: "3" });
    expect(after.metadata.annotations).toEqual({ written: "yes" });
  });

  it("deletes a key whose patch value is null", async () => {
    const { after } = await runWrite(target(), (ctx) =>
      ctx.patch({ ...head(mark), data: { a: null } } as unknown as KubeObj),
    );
    expect(after.data).toEqual({ b: "2" });
  });

  it("replaces arrays whole", async () => {
    const seed = { ...obj("Widget", "target"), spec: { ports: [80, 443], mode: "x" } };
    const { after } = await runWrite(seed, (ctx, live) =>
      ctx.patch({
        apiVersion: live.apiVersion,
        kind: live.kind,
        metadata: { name: "target", namespace: "default", ...mark },
        spec: { ports: [8080] },
      }),
    );
    expect(after.spec).toEqual({ ports: [8080], mode: "x" });
    expect(after.metadata.generation).toBe(2); // a spec change bumps generation
  });

  it("never touches status from the main resource; patchStatus touches status only, merged", async () => {
    const seed = { ...obj("Widget", "target"), spec: { mode: "x" }, status: { phase: "Ready", ready: true } };
    const spec = await runWrite(seed, (ctx, live) =>
      ctx.patch({ ...live, metadata: { ...live.metadata, ...mark }, status: { phase: "Broken" } }),
    );
    expect(spec.after.status).toEqual({ phase: "Ready", ready: true });
    expect(spec.after.metadata.annotations).toEqual({ written: "yes" });

    const status = await runWrite(seed, (ctx, live) => {
      ctx.patchStatus({
        ...live,
        spec: { mode: "changed" },
        status: { ready: null, observed: 1 },
      } as unknown as KubeObj);
      ctx.patch({ ...live, metadata: { ...live.metadata, ...mark } });
    });
    expect(status.after.status).toEqual({ phase: "Ready", observed: 1 });
    expect(status.after.spec).toEqual({ mode: "x" });
  });

  it("is unconditional without a resourceVersion and conditional with one (Conflict when stale)", async () => {
    const seen: string[] = [];
    const { after } = await runWrite(target(), (ctx, live) => {
      ctx.patch({ ...head(), data: { c: "1" } }); // no resourceVersion: applied to whatever is live
      try {
        ctx.patch({ ...live, metadata: { ...live.metadata, ...mark }, data: { d: "1" } }); // live's RV is stale now
      } catch (e) {
        seen.push(isConflict(e) ? "Conflict" : String(e));
        ctx.patch({ ...head(mark) });
      }
    });
    expect(seen).toEqual(["Conflict"]);
    expect(after.data).toEqual({ a: "1", b: "2", c: "1" });
  });
});

describe("updates and resourceVersion", () => {
  const withoutRv = (live: KubeObj): KubeObj => ({
    ...live,
    metadata: { ...live.metadata, resourceVersion: "", ...mark },
    data: { a: "9" },
  });

  it("a built-in kind accepts an update without resourceVersion as unconditional (no precondition recorded)", async () => {
    const { d, after, error } = await runWrite(target(), (ctx, live) => ctx.update(withoutRv(live)));
    expect(error).toBeUndefined();
    expect(after.data).toEqual({ a: "9" }); // an update replaces the object: b is gone
    const eff = allSteps(d)
      .flatMap((s) => s.changes.effects ?? [])
      .find((e) => e.OpType === "UPDATE");
    expect(eff?.Precondition).toBeNull();
  });

  it("a custom resource refuses an update without resourceVersion as Invalid", async () => {
    const seed = { ...obj("Widget", "target"), spec: { mode: "x" } };
    const { after, error } = await runWrite(seed, (ctx, live) =>
      ctx.update({
        ...live,
        metadata: { ...live.metadata, resourceVersion: undefined, ...mark },
        spec: { mode: "y" },
      } as KubeObj),
    );
    expect(error).toMatch(/resourceVersion must be specified for an update/);
    expect(after.spec).toEqual({ mode: "x" });
  });

  it("an update carrying a stale resourceVersion fails with Conflict, on built-in kinds too", async () => {
    const seen: string[] = [];
    await runWrite(target(), (ctx, live) => {
      ctx.patch({ ...head(mark) });
      try {
        ctx.update({ ...live, data: { a: "9" } });
      } catch (e) {
        seen.push(isConflict(e) ? "Conflict" : String(e));
      }
    });
    expect(seen).toEqual(["Conflict"]);
  });

  it("the Go-style lost update is reachable: clear resourceVersion, update the whole object built from a stale read", async () => {
    // Labeller merges its key into the shared ConfigMap; Stamper reads it through a frozen informer view and
    // writes it back whole with its own key added and resourceVersion cleared.
    const shared = { namespace: "default", name: "shared" };
    const dataOf = (o: KubeObj) => (o.data ?? {}) as Record<string, string>;
    const labeller = defineController({
      id: "Labeller",
      for: "example.com/Labeller",
      reconcile(ctx) {
        const cm0 = ctx.get("core/ConfigMap", shared);
        if (cm0 && !dataOf(cm0).a)
          ctx.patch({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...shared }, data: { a: "1" } });
      },
    });
    const stamper = defineController({
      id: "Stamper",
      for: "example.com/Stamper",
      reconcile(ctx) {
        const cm0 = ctx.get("core/ConfigMap", shared);
        if (cm0 && !dataOf(cm0).b)
          ctx.update({
            ...cm0,
            metadata: { ...cm0.metadata, resourceVersion: "" },
            data: { ...dataOf(cm0), b: "1" },
          });
      },
    });
    const project = defineProject({ name: "lost-update", controllers: [labeller, stamper] });
    const d = await exploreOne(
      project,
      scenario("lost-update", [cm("shared"), obj("Labeller", "l"), obj("Stamper", "s")], {
        tuning: {
          permuteControllers: ["Labeller", "Stamper"],
          stalenessIntervals: [
            { reconciler: "Stamper", kind: "core/ConfigMap", staleAt: 1, catchUpAt: 100, lag: -1 },
          ],
        },
      }),
    );
    const outcomes = converged(d).map((s) => objectsOf(d, s).find((o) => o.metadata.name === "shared")?.data);
    expect(outcomes).toContainEqual({ b: "1" }); // Labeller's key lost
    expect(outcomes).toContainEqual({ a: "1", b: "1" });
    expect(allSteps(d).every((s) => !s.error)).toBe(true);
  });
});

/**
 * A write that only re-stamps a time is a change to the API server (a new resourceVersion, a watch event), even
 * though content identity scrubs timestamps: recorded, and it triggers watchers. Re-writing what was read is not.
 */
describe("a write that changes only a timestamp", () => {
  const MIRROR = "example.com/Mirror";
  const stamper = (always: boolean) =>
    defineProject({
      name: "stamps",
      controllers: [
        defineController({
          id: "Stamper",
          for: MIRROR,
          reconcile(ctx, req) {
            const m = ctx.get(MIRROR, req);
            if (!m) return;
            const synced = (m.status as { synced?: boolean } | undefined)?.synced;
            if (synced && !always) {
              ctx.updateStatus(m); // the object as read: nothing changes, nothing is recorded
              return;
            }
            ctx.updateStatus({ ...m, status: { synced: true, lastSyncTime: ctx.now() } });
          },
        }),
      ],
    });
  const run = (always: boolean) =>
    exploreOne(stamper(always), scenario("stamps", [obj("Mirror", "m")], { tuning: { maxDepth: 8 } }));

  it("is recorded and re-triggers a controller that watches the object: an unconditional stamp never quiesces", async () => {
    const d = await run(true);
    expect(converged(d)).toEqual([]);
    const writes = allSteps(d).filter((s) => (s.changes?.effects ?? []).length > 0);
    expect(writes.length).toBeGreaterThan(3);
    expect((d.states ?? []).every((s) => s.error === "max depth reached")).toBe(true);
  });

  it("is not recorded when the controller writes back the time it read: the system converges", async () => {
    const d = await run(false);
    expect(converged(d)).toHaveLength(1);
    expect(allSteps(d).filter((s) => (s.changes?.effects ?? []).length > 0)).toHaveLength(1);
  });
});
