import { describe, expect, it } from "vitest";
import { defineController, defineProject, type ProjectDefinition } from "../../src/engine/index.ts";
import type { Scenario } from "../../src/formats/workflow.ts";
import { planHypothesis } from "../../src/hypotheses/plan.ts";
import { type ReferenceFacts, referenceFacts } from "../../src/hypotheses/reference-facts.ts";
import { assembleSurfaceMap, embeddedControllers, observeControllers } from "../../src/phases/map/index.ts";
import { planProposals, type Proposal } from "../../src/phases/plan/index.ts";
import { hypothesis } from "../hypotheses/helpers/fixtures.ts";
import { cm, converged, explore, objectsOf, obj, scenario } from "../engine/helpers.ts";

/**
 * The planner's sweeps on real engine runs (issue #11): the classic stale-owner bug needs a window that opens
 * before the owner exists, and the classic "deleted while being created" leak needs a DELETE that lands between
 * two reconciles of the creating controller.
 */

const FILE = "projects/demo/scenarios/s.json";

async function plannerOn(project: ProjectDefinition, s: Scenario) {
  const outs = await explore(project, s, { mode: "reference" });
  const dumps = outs.map((o, i) => ({ file: `ref_${i}.jsonl`, dump: o.dump }));
  const facts = referenceFacts(dumps, s);
  const map = assembleSurfaceMap({
    project: project.name,
    source: "embedded",
    generatedFrom: [],
    ...embeddedControllers(project, observeControllers(dumps.map((d) => d.dump)), "project.ts"),
  });
  return { facts, ...planProposals({ map, references: [{ file: FILE, scenario: s, facts }] }) };
}

/** Terminal objects (`Kind/name`) of every converged state when the scenario runs with this proposal's variant. */
async function outcomes(project: ProjectDefinition, s: Scenario, facts: ReferenceFacts, p: Proposal) {
  const plan = planHypothesis({
    hypothesis: hypothesis({
      type: p.type,
      targets: { controllers: p.controllers, kinds: p.kinds },
      ...(p.parameters ? { parameters: p.parameters } : {}),
    }),
    scenario: s,
    facts,
    registered: project.controllers.map((c) => c.id),
  });
  expect(plan.issues.filter((i) => i.severity !== "warning")).toEqual([]);
  return terminals(project, { ...s, tuning: plan.tuning });
}

async function terminals(project: ProjectDefinition, s: Scenario): Promise<string[][]> {
  const [out] = await explore(project, s);
  const d = out!.dump;
  return converged(d).map((st) =>
    objectsOf(d, st)
      .map((o) => `${o.kind}/${o.metadata.name}`)
      .sort(),
  );
}

describe("staleness sweep: a reader whose view of its owner lags from before the owner exists", () => {
  // AppController creates the Owner and its Pod; OwnerStatus then marks the Owner ready (the kind's last write);
  // PodGuard (for Pod, reads Owner without a watch) deletes a Pod whose Owner it cannot find — trusting its cache.
  const project = defineProject({
    name: "stale-owner",
    controllers: [
      defineController({
        id: "AppController",
        for: "example.com/App",
        reconcile(ctx, req) {
          if (!ctx.get("example.com/App", req)) return;
          if (!ctx.get("example.com/Owner", req)) ctx.create(obj("Owner", req.name));
          if (!ctx.get("core/Pod", req))
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: { name: req.name, namespace: req.namespace },
            });
        },
      }),
      defineController({
        id: "OwnerStatus",
        for: "example.com/Owner",
        reconcile(ctx, req) {
          const o = ctx.get("example.com/Owner", req);
          if (o && !(o as { status?: { ready?: boolean } }).status?.ready)
            ctx.updateStatus({ ...o, status: { ready: true } });
        },
      }),
      defineController({
        id: "PodGuard",
        for: "core/Pod",
        reads: ["example.com/Owner"],
        reconcile(ctx, req) {
          if (!ctx.get("core/Pod", req)) return;
          if (!ctx.get("example.com/Owner", req)) ctx.delete("core/Pod", req);
        },
      }),
    ],
  });
  const s = scenario("stale-owner/app", [obj("App", "a")], { tuning: { maxDepth: 20 } });

  it("proposes a window from before the Owner exists that the old last-writer window misses, and it loses the Pod", async () => {
    const { facts, proposals } = await plannerOn(project, s);
    const reference = await terminals(project, s);
    expect(reference).toEqual([["App/a", "Owner/a", "Pod/a"]]);
    const windows = proposals.filter((p) => p.rule === "stale-read-without-watch");
    expect(windows.every((p) => p.controllers[0] === "PodGuard" && p.kinds[0] === "example.com/Owner")).toBe(
      true,
    );
    const first = windows[0] as Proposal;
    expect(first.parameters?.staleAt).toBe(0);
    expect(first.claim).toContain("misses CREATE example.com/Owner/default/a");
    expect(await outcomes(project, s, facts, first)).toEqual([["App/a", "Owner/a"]]);

    // The old planner's window: the analysis's narrow window around the Owner's last writer (its status write).
    const old = facts.kindseq?.suggestions.stalenessIntervals.find(
      (w) => w.kind === "example.com/Owner" && w.reconcilers.includes("PodGuard"),
    );
    expect(old?.staleAt).toBeGreaterThan(0);
    const oldTuning = {
      maxDepth: 20,
      stalenessIntervals: [
        {
          reconciler: "PodGuard",
          kind: "example.com/Owner",
          staleAt: old!.staleAt,
          catchUpAt: old!.catchUpAt,
          lag: -1,
        },
      ],
    };
    expect(await terminals(project, { ...s, tuning: oldTuning })).toEqual(reference);
  });

  it("never proposes two windows under which the reader sees the same content", async () => {
    const { proposals, coverage } = await plannerOn(project, s);
    const family = coverage.find((f) => f.dimension === "staleness");
    expect(family?.target).toBe("PodGuard reads example.com/Owner");
    const labels = family!.candidates.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    const claims = proposals.filter((p) => p.rule === "stale-read-without-watch").map((p) => p.claim);
    const misses = claims.map((c) => c.replace(/window \[\d+, \d+\)/, ""));
    expect(new Set(misses).size).toBe(misses.length);
  });
});

describe("user-action timing sweep: a DELETE that lands while the parent is being created", () => {
  // ParentController creates the Parent's ConfigMap (no owner reference) and marks the Parent provisioning, and
  // only in its next reconcile adds the finalizer that cleans the ConfigMap up: a DELETE in between leaks it.
  // (The old planner timed UPDATE inputs only.)
  const FINALIZER = "example.com/cleanup";
  type Parent = {
    metadata: { finalizers?: string[]; deletionTimestamp?: string };
    status?: { phase?: string };
  };
  const project = defineProject({
    name: "delete-while-creating",
    controllers: [
      defineController({
        id: "ParentController",
        for: "example.com/Parent",
        reconcile(ctx, req) {
          const p = ctx.get("example.com/Parent", req);
          if (!p) return;
          const meta = (p as Parent).metadata;
          const mine = (meta.finalizers ?? []).includes(FINALIZER);
          if (meta.deletionTimestamp) {
            // Cleans up whenever it sees the Parent terminating: only a Parent already gone (no finalizer: the API
            // server removes it at once) escapes it.
            if (ctx.get("core/ConfigMap", req)) ctx.delete("core/ConfigMap", req);
            if (mine) ctx.update({ ...p, metadata: { ...p.metadata, finalizers: [] } });
            return;
          }
          if (!(p as Parent).status?.phase) {
            ctx.create(cm(req.name, { parent: req.name }));
            ctx.updateStatus({ ...p, status: { phase: "Provisioning" } });
          } else if (!mine) ctx.update({ ...p, metadata: { ...p.metadata, finalizers: [FINALIZER] } });
        },
      }),
    ],
  });
  const parent = obj("Parent", "p");
  const s = scenario("delete/while-creating", [], {
    actions: [
      { id: "create", opType: "CREATE", object: parent },
      { id: "delete", opType: "DELETE", object: parent },
    ],
    tuning: { maxDepth: 20 },
  });

  it("proposes the DELETE at the depth between the two reconciles, and there it leaks the ConfigMap", async () => {
    const { facts, proposals, coverage } = await plannerOn(project, s);
    expect(await terminals(project, s)).toEqual([[]]);
    const timing = proposals.filter((p) => p.rule === "user-action-timing");
    expect(timing.every((p) => p.parameters?.actionIndex === 1)).toBe(true);
    const created = facts.steps.find((st) =>
      st.writes.some((w) => w.opType === "CREATE" && w.kind === "core/ConfigMap"),
    );
    const between = (created?.depth ?? -1) + 1;
    const p = timing.find((x) => x.parameters?.readyDepth === between) as Proposal;
    expect(p.claim).toContain(
      `Firing external input 1 (delete: DELETE example.com/Parent/default/p) at depth ${between}`,
    );
    // The engine removes a finalizer-less object as part of its DELETE (as the API server does): the Parent is gone
    // before ParentController sees it terminating, and its ConfigMap leaks.
    expect(await outcomes(project, s, facts, p)).toEqual([["ConfigMap/p"]]);
    const family = coverage.find((f) => f.dimension === "user-action-timing");
    expect(family?.candidates.map((c) => c.label)).toContain(`depth ${between}`);
  });

  it("does not time the first CREATE, which starts the run", async () => {
    const { proposals } = await plannerOn(project, s);
    expect(proposals.some((p) => p.rule === "user-action-timing" && p.parameters?.actionIndex === 0)).toBe(
      false,
    );
  });
});

describe("timing sweep: an input fired while two controllers still react", () => {
  // Mirror copies App.spec into a ConfigMap; Stamp labels that ConfigMap. The UPDATE input edits the App.
  const project = defineProject({
    name: "two-reactions",
    controllers: [
      defineController({
        id: "Mirror",
        for: "example.com/App",
        reconcile(ctx, req) {
          const app = ctx.get("example.com/App", req);
          if (!app) return;
          const want = { v: String((app.spec as { v?: string }).v ?? "") };
          const c = ctx.get("core/ConfigMap", req);
          if (!c) ctx.create(cm(req.name, want));
          else if ((c.data as { v?: string }).v !== want.v)
            ctx.update({ ...c, data: { ...(c.data as object), ...want } });
        },
      }),
      defineController({
        id: "Stamp",
        for: "core/ConfigMap",
        reconcile(ctx, req) {
          const c = ctx.get("core/ConfigMap", req);
          if (c && !(c.data as { stamped?: string }).stamped)
            ctx.update({ ...c, data: { ...(c.data as object), stamped: "yes" } });
        },
      }),
    ],
  });
  const s = scenario("two/reactions", [obj("App", "a", { v: "1" })], {
    actions: [{ id: "edit", opType: "UPDATE", object: obj("App", "a", { v: "2" }) }],
    tuning: { maxDepth: 20 },
  });

  it("races the reactions with each controller's queue kept in order, idle reconciles left in place", async () => {
    const { facts, proposals } = await plannerOn(project, s);
    const early = proposals.find(
      (p) => p.rule === "user-action-timing" && p.controllers.length > 1,
    ) as Proposal;
    const plan = planHypothesis({
      hypothesis: hypothesis({
        type: early.type,
        targets: { controllers: early.controllers, kinds: early.kinds },
        ...(early.parameters ? { parameters: early.parameters } : {}),
      }),
      scenario: s,
      facts,
      registered: ["Mirror", "Stamp"],
    });
    expect(plan.tuning).toMatchObject({
      permuteControllers: ["Mirror", "Stamp"],
      fifoPerController: true,
      skipOwnNoOpOrderings: true,
    });
  });
});

describe("staleness sweep: a controller whose cache does not show its own writes yet", () => {
  // PoolController counts its Pods in the cache and creates the missing ones under fresh names (generateName
  // style); its own status write re-queues it, and if the Pod informer lags it creates them again.
  type Pool = { spec?: { replicas?: number }; status?: { replicas?: number } };
  const project = defineProject({
    name: "stale-own-write",
    controllers: [
      defineController({
        id: "PoolController",
        for: "example.com/Pool",
        owns: ["core/Pod"],
        reconcile(ctx, req) {
          const pool = ctx.get("example.com/Pool", req);
          if (!pool) return;
          const want = (pool as Pool).spec?.replicas ?? 1;
          const have = ctx.list("core/Pod", { namespace: req.namespace }).length;
          const stamp = ctx
            .now()
            .replace(/[^0-9]/g, "")
            .slice(0, 10);
          for (let i = have; i < want; i++)
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: { name: `${req.name}-${stamp}-${i}`, namespace: req.namespace },
            });
          const replicas = Math.max(have, want);
          if ((pool as Pool).status?.replicas !== replicas)
            ctx.updateStatus({ ...pool, status: { replicas } });
        },
      }),
    ],
  });
  const s = scenario("own/pool", [obj("Pool", "batch", { replicas: 2 })], { tuning: { maxDepth: 20 } });

  it("proposes a window hiding only its own Pod creates, under which it runs twice as many Pods", async () => {
    const { facts, proposals, coverage } = await plannerOn(project, s);
    const pods = (t: string[]) => t.filter((o) => o.startsWith("Pod/")).length;
    expect((await terminals(project, s)).map(pods)).toEqual([2]);
    const own = proposals.filter((p) => p.rule === "stale-own-write");
    expect(own[0]).toMatchObject({ type: "staleness", controllers: ["PoolController"], kinds: ["core/Pod"] });
    expect(own[0]?.claim).toContain("misses CREATE core/Pod/default/batch-");
    expect((await outcomes(project, s, facts, own[0] as Proposal)).map(pods)).toEqual([4]);
    expect(coverage.map((f) => f.target)).toContain("PoolController reads its own core/Pod");
    // Pod is watched (owned): no unwatched-read window for it.
    expect(proposals.some((p) => p.rule === "stale-read-without-watch")).toBe(false);
  });
});

describe("staleness sweep: two controllers writing one object's finalizer list", () => {
  // Each guard adds its finalizer to a Widget with a merge patch built from its cached copy (no resourceVersion)
  // and records that it did in a ConfigMap, which it trusts from then on: a merge patch replaces the list whole, so
  // a guard whose cache does not show the other's finalizer yet wipes it for good.
  // With `guarded`, the list is written with the resourceVersion it was built from (Conflict on a stale copy).
  const guard = (id: string, finalizer: string, guarded: boolean) =>
    defineController({
      id,
      for: "example.com/Widget",
      reconcile(ctx, req) {
        const w = ctx.get("example.com/Widget", req);
        const record = { namespace: req.namespace, name: `${id.toLowerCase()}-${req.name}` };
        if (!w || ctx.get("core/ConfigMap", record)) return;
        const finalizers = w.metadata.finalizers ?? [];
        const metadata = { name: w.metadata.name, namespace: w.metadata.namespace };
        ctx.patch({
          apiVersion: w.apiVersion,
          kind: w.kind,
          metadata: {
            ...metadata,
            finalizers: [...finalizers, finalizer],
            ...(guarded ? { resourceVersion: w.metadata.resourceVersion } : {}),
          },
        });
        ctx.create(cm(record.name));
      },
    });
  const system = (guarded: boolean) =>
    defineProject({
      name: "shared-finalizers",
      controllers: [guard("GuardA", "a.example/guard", guarded), guard("GuardB", "b.example/guard", guarded)],
    });
  const s = scenario("shared/finalizers", [obj("Widget", "w")], { tuning: { maxDepth: 20 } });
  /** The Widget's finalizers in every converged state, under proposal `p`'s variant (null: the plain scenario). */
  const finalizerSets = async (guarded: boolean, p: Proposal | null, facts: ReferenceFacts) => {
    const project = system(guarded);
    const tuning = p ? await variantTuning(project, facts, p) : s.tuning;
    const [out] = await explore(project, { ...s, tuning });
    const d = out!.dump;
    return converged(d).map((st) => {
      const widget = objectsOf(d, st).find((o) => o.kind === "Widget");
      return [...(widget?.metadata.finalizers ?? [])].sort().join(",");
    });
  };
  async function variantTuning(project: ProjectDefinition, facts: ReferenceFacts, p: Proposal) {
    const plan = planHypothesis({
      hypothesis: hypothesis({
        type: p.type,
        targets: { controllers: p.controllers, kinds: p.kinds },
        ...(p.parameters ? { parameters: p.parameters } : {}),
      }),
      scenario: s,
      facts,
      registered: project.controllers.map((c) => c.id),
    });
    return plan.tuning;
  }

  it("proposes a window under which a guard writes the list without the other's finalizer, and it is lost", async () => {
    const { facts, proposals, coverage } = await plannerOn(system(false), s);
    const shared = proposals.filter((p) => p.rule === "stale-shared-write");
    expect(shared.length).toBeGreaterThan(0);
    const first = shared[0] as Proposal;
    expect(first).toMatchObject({ type: "staleness", kinds: ["example.com/Widget"] });
    expect(first.claim).toMatch(/misses PATCH example\.com\/Widget\/default\/w .*writes that object anyway/);
    expect(coverage.map((f) => f.target).some((t) => /writes example\.com\/Widget after Guard/.test(t))).toBe(
      true,
    );
    const both = "a.example/guard,b.example/guard";
    expect(await finalizerSets(false, null, facts)).toEqual([both]);
    const stale = await finalizerSets(false, first, facts);
    expect(stale.some((f) => f !== both)).toBe(true);
    // The same window on the guarded write: the stale patch is refused, the retry keeps both finalizers.
    expect(new Set(await finalizerSets(true, first, facts))).toEqual(new Set([both]));
  });

  it("proposes nothing of the kind for a controller that is the object's only writer", async () => {
    const solo = defineProject({ name: "solo", controllers: [guard("GuardA", "a.example/guard", false)] });
    const { proposals } = await plannerOn(solo, s);
    expect(proposals.some((p) => p.rule === "stale-shared-write")).toBe(false);
  });
});

describe("staleness sweep: a controller that lists its own for-kind to decide about one object", () => {
  // PortController gives each Tunnel the lowest port no Tunnel in its cache holds: if the cache does not show the
  // port it just gave alpha, beta gets the same one. PortGetter only reads its request: nothing to sweep there.
  type Tunnel = { status?: { port?: number } };
  const TUNNEL = "example.com/Tunnel";
  const allocator = (id: string, listsPeers: boolean) =>
    defineController({
      id,
      for: TUNNEL,
      reconcile(ctx, req) {
        const t = ctx.get(TUNNEL, req) as (Tunnel & Parameters<typeof ctx.updateStatus>[0]) | undefined;
        if (!t || t.status?.port) return;
        const used = listsPeers ? ctx.list(TUNNEL).map((x) => (x as Tunnel).status?.port) : [];
        let port = 30000;
        while (used.includes(port)) port++;
        ctx.updateStatus({ ...t, status: { port } });
      },
    });
  const s = scenario("ports/two", [obj("Tunnel", "alpha"), obj("Tunnel", "beta")], {
    tuning: { maxDepth: 20 },
  });

  it("proposes a window hiding its own status write to the peer, under which two Tunnels share a port", async () => {
    const project = defineProject({ name: "ports", controllers: [allocator("PortController", true)] });
    const { facts, proposals } = await plannerOn(project, s);
    const own = proposals.filter((p) => p.rule === "stale-own-write");
    expect(own[0]).toMatchObject({ type: "staleness", controllers: ["PortController"], kinds: [TUNNEL] });
    expect(own[0]?.claim).toMatch(
      /misses UPDATE example\.com\/Tunnel\/default\/(alpha|beta) it made itself to another/,
    );
    // Outcomes are compared on the objects' ports: the variant's terminal states hold a shared port.
    const [out] = await explore(project, { ...s, tuning: await variantTuning(project, s, facts, own[0]!) });
    const shared = converged(out!.dump).some((st) => {
      const held = objectsOf(out!.dump, st).map((o) => (o as Tunnel).status?.port);
      return new Set(held).size < held.length;
    });
    expect(shared).toBe(true);
    expect(await terminals(project, s)).toHaveLength(1); // the reference: one outcome, distinct ports
  });

  it("proposes nothing of the kind for a controller that only reads its own request", async () => {
    const project = defineProject({ name: "ports-get", controllers: [allocator("PortGetter", false)] });
    const { proposals } = await plannerOn(project, s);
    expect(proposals.filter((p) => p.rule === "stale-own-write")).toEqual([]);
  });
});

describe("user-action timing: an input fired early races the controllers still reacting", () => {
  // Two owners of one field: PolicyController copies the policy's level, DebugController sets "debug" while a
  // session exists. Fired while PolicyController still reacts to the policy change, the session's controller
  // must be allowed to run first — only that order ends with the policy's level over an open session.
  const TARGET = { namespace: "default", name: "logging" };
  const setLevel = (
    ctx: Parameters<Parameters<typeof defineController>[0]["reconcile"]>[0],
    level: string,
  ) => {
    const c = ctx.get("core/ConfigMap", TARGET) as { data?: { level?: string } } | undefined;
    if (c?.data?.level !== level) ctx.patch({ ...cm(TARGET.name, {}), data: { level } });
  };
  const project = defineProject({
    name: "field-fight",
    controllers: [
      defineController({
        id: "PolicyController",
        for: "example.com/Policy",
        reads: ["core/ConfigMap"],
        reconcile(ctx, req) {
          const p = ctx.get("example.com/Policy", req) as { spec?: { level?: string } } | undefined;
          if (p?.spec?.level) setLevel(ctx, p.spec.level);
        },
      }),
      defineController({
        id: "DebugController",
        for: "example.com/Session",
        reads: ["core/ConfigMap"],
        reconcile(ctx, req) {
          if (ctx.get("example.com/Session", req)) setLevel(ctx, "debug");
        },
      }),
    ],
  });
  const s = scenario(
    "fight/debug",
    [cm(TARGET.name, { level: "info" }), obj("Policy", "p", { level: "info" })],
    {
      actions: [
        { id: "policy", opType: "UPDATE", object: obj("Policy", "p", { level: "warn" }) },
        { id: "session", opType: "CREATE", object: obj("Session", "s") },
      ],
      tuning: { maxDepth: 20 },
    },
  );

  it("permutes the input's controller with those still reacting, and reaches the lost debug level", async () => {
    const { facts, proposals } = await plannerOn(project, s);
    const timing = proposals.filter(
      (p) => p.rule === "user-action-timing" && p.parameters?.actionIndex === 1,
    );
    expect(timing.length).toBeGreaterThan(0);
    const tuning = await variantTuning(project, s, facts, timing[0]!);
    expect(tuning?.permuteControllers).toEqual(["DebugController", "PolicyController"]);
    const [out] = await explore(project, { ...s, tuning });
    const finals = converged(out!.dump).map(
      (st) =>
        (objectsOf(out!.dump, st).find((o) => o.kind === "ConfigMap") as { data?: { level?: string } }).data
          ?.level,
    );
    expect(new Set(finals)).toEqual(new Set(["debug", "warn"]));
  });
});

/** The tuning of the variant planned for a proposal (the planner's own hypothesis → planHypothesis). */
async function variantTuning(project: ProjectDefinition, s: Scenario, facts: ReferenceFacts, p: Proposal) {
  const plan = planHypothesis({
    hypothesis: hypothesis({
      type: p.type,
      targets: { controllers: p.controllers, kinds: p.kinds },
      ...(p.parameters ? { parameters: p.parameters } : {}),
    }),
    scenario: s,
    facts,
    registered: project.controllers.map((c) => c.id),
  });
  expect(plan.issues.filter((i) => i.severity !== "warning")).toEqual([]);
  return plan.tuning;
}
