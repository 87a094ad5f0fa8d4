import { describe, expect, it } from "vitest";
import { resolveCitationIn } from "../../src/analysis/citations.ts";
import {
  defineController,
  defineProject,
  type KubeObj,
  type ProjectDefinition,
} from "../../src/engine/index.ts";
import { pathsOf, statesOf, type TerminalState } from "../../src/analysis/dump-model.ts";
import type { Dump } from "../../src/formats/dump.ts";
import type { HypothesisType } from "../../src/formats/records.ts";
import type { Scenario } from "../../src/formats/workflow.ts";
import { judgeChecks, judgeOutcome, judgeReference } from "../../src/hypotheses/judge/index.ts";
import { pendingRetries } from "../../src/hypotheses/judge/retries.ts";
import { PERTURBATIONS } from "../../src/hypotheses/perturbations/index.ts";
import type { Invariant } from "../../src/invariants/index.ts";
import { explore, obj, objectsOf, scenario } from "../engine/helpers.ts";
import { hypothesis } from "../hypotheses/helpers/fixtures.ts";

/**
 * The judge's rules (README "How the judge decides"), each on real engine runs: a reference run of the scenario as
 * written, an exploration run of the perturbed variant, and the verdict the owner of the controller would accept.
 */

const CM = "core/ConfigMap";
const cmOf = (name: string, data: Record<string, string>): KubeObj => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

/** Two controllers create the same ConfigMap if it is absent, each with its own name in it: whoever runs first wins. */
const claimer = (id: string) =>
  defineController({
    id,
    for: "example.com/App",
    reconcile(ctx, req) {
      if (!ctx.get(CM, { namespace: req.namespace, name: "shared" })) ctx.create(cmOf("shared", { by: id }));
    },
  });
const race = (invariants?: Invariant[]): ProjectDefinition =>
  defineProject({
    name: "race",
    controllers: [claimer("Alpha"), claimer("Beta")],
    ...(invariants ? { invariants } : {}),
  });
const raceScenario = (permute: boolean): Scenario =>
  scenario("race", [obj("App", "a")], permute ? { tuning: { permuteControllers: ["Alpha", "Beta"] } } : {});

async function runs(project: ProjectDefinition, base: Scenario, variant: Scenario) {
  const [reference] = await explore(project, base, { mode: "reference" });
  const [exploration] = await explore(project, variant);
  return { reference: (reference as { dump: Dump }).dump, exploration: (exploration as { dump: Dump }).dump };
}

function judge(
  project: ProjectDefinition,
  d: { reference: Dump; exploration: Dump },
  type: HypothesisType = "ordering",
) {
  const j = judgeOutcome({
    hypothesis: hypothesis({ type, targets: { controllers: project.controllers.map((c) => c.id) } }),
    confirmedBy: PERTURBATIONS[type].confirmedBy,
    exploration: [{ id: "explore.json", dump: d.exploration }],
    baseline: [{ id: "reference.json", dump: d.reference }],
    run: { status: "ok" },
    checks: judgeChecks(project),
  });
  const all = [...j.citations, ...(j.observation?.citations ?? [])];
  for (const c of all)
    expect(resolveCitationIn(c.dump === "explore.json" ? d.exploration : d.reference, c)).toEqual({
      ok: true,
    });
  return j;
}

describe("judge rules on real engine runs", () => {
  it("rule 6: without declared invariants, a masked divergence confirms and names what differs", async () => {
    const project = race();
    const j = judge(project, await runs(project, raceScenario(false), raceScenario(true)));
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("divergence");
    expect(j.differences).toEqual([
      { object: { kind: CM, namespace: "default", name: "shared" }, class: "data", fields: ["data.by"] },
    ]);
    expect(j.reason).toContain("core/ConfigMap default/shared differs in data (data.by)");
  });

  it("rule 7: with declared invariants that both outcomes satisfy, the divergence is allowed nondeterminism", async () => {
    const project = race([
      {
        name: "someone owns the shared ConfigMap",
        check: (s) =>
          s.get(CM, "shared", "default")
            ? []
            : [
                {
                  message: "no shared ConfigMap",
                  objects: [{ kind: CM, namespace: "default", name: "shared" }],
                },
              ],
      },
    ]);
    const j = judge(project, await runs(project, raceScenario(false), raceScenario(true)));
    expect(j.status).toBe("refuted");
    expect(j.observation?.reason).toContain("allowed nondeterminism");
    expect(j.observation?.reason).toContain("violates none of the project's 1 invariant(s)");
    expect(j.observation?.symptom?.objects).toEqual([{ kind: CM, namespace: "default", name: "shared" }]);
  });

  it("rule 2: a declared invariant violated only off the reference path confirms, citing the violating state", async () => {
    const project = race([
      {
        name: "Alpha owns the shared ConfigMap",
        check: (s) => {
          const cm = s.get(CM, "shared", "default");
          return cm && (cm.data as { by?: string }).by !== "Alpha"
            ? [
                {
                  message: `shared is owned by ${(cm.data as { by?: string }).by}`,
                  objects: [{ kind: CM, namespace: "default", name: "shared" }],
                },
              ]
            : [];
        },
      },
    ]);
    const d = await runs(project, raceScenario(false), raceScenario(true));
    const j = judge(project, d);
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("invariant");
    expect(j.symptom?.invariants).toEqual(["Alpha owns the shared ConfigMap"]);
    expect(j.citations[0]?.note).toMatch(/^expected outcome: terminal state \S+ \(the reference's\)$/);
    expect(j.citations[1]?.note).toBe(
      "invariant violated: Alpha owns the shared ConfigMap: shared is owned by Beta",
    );
    expect(j.hitRate).toEqual({ k: 1, n: 2 });
  });

  it("rule 5: outcomes that differ only in generation, resourceVersion and timestamps are the same outcome", async () => {
    // Placeholder creates the child empty, Sizer creates it (or fixes it) at size 1: one ordering creates it final,
    // the other creates then updates it to the same spec (generation 2, another resourceVersion).
    const CHILD = "example.com/Child";
    const child = (size: number): KubeObj => ({
      apiVersion: "example.com/v1",
      kind: "Child",
      metadata: { name: "c", namespace: "default" },
      spec: { size },
    });
    const project = defineProject({
      name: "sizes",
      controllers: [
        defineController({
          id: "Placeholder",
          for: "example.com/App",
          reconcile(ctx) {
            if (!ctx.get(CHILD, { namespace: "default", name: "c" })) ctx.create(child(0));
          },
        }),
        defineController({
          id: "Sizer",
          for: "example.com/App",
          owns: [CHILD],
          reconcile(ctx) {
            const c = ctx.get(CHILD, { namespace: "default", name: "c" });
            if (!c) ctx.create(child(1));
            else if ((c.spec as { size: number }).size !== 1) ctx.update({ ...c, spec: { size: 1 } });
          },
        }),
      ],
    });
    const permuted = scenario("sizes", [obj("App", "a")], {
      tuning: { permuteControllers: ["Placeholder", "Sizer"] },
    });
    const d = await runs(project, scenario("sizes", [obj("App", "a")]), permuted);
    const raw = new Set(
      (d.exploration.states ?? [])
        .filter((s) => !s.error)
        .map((s) => s.paths?.[0]?.at(-1)?.contentsHashAfter),
    );
    expect(raw.size).toBeGreaterThan(1); // the raw contents hashes do differ
    const j = judge(project, d);
    expect(j.status).toBe("refuted");
    expect(j.reason).toContain("converged to the reference outcome after masking bookkeeping fields");
  });

  it("rule 4: a controller that fails forever on a path the reference does not take confirms as a failure that never heals", async () => {
    const project = defineProject({
      name: "lock",
      controllers: [
        defineController({
          id: "Builder",
          for: "example.com/App",
          reconcile(ctx) {
            if (ctx.get(CM, { namespace: "default", name: "done" })) return;
            if (ctx.get(CM, { namespace: "default", name: "lock" }))
              throw new Error("lock held by someone else");
            ctx.create(cmOf("done", {}));
          },
        }),
        defineController({
          id: "Locker",
          for: "example.com/App",
          reconcile(ctx) {
            if (!ctx.get(CM, { namespace: "default", name: "lock" })) ctx.create(cmOf("lock", {}));
          },
        }),
      ],
    });
    const base = scenario("lock", [obj("App", "a")], { tuning: { maxDepth: 12 } });
    const permuted = scenario("lock", [obj("App", "a")], {
      tuning: { maxDepth: 12, permuteControllers: ["Builder", "Locker"] },
    });
    const d = await runs(project, base, permuted);
    // The reference runs Builder first and is clean; running Locker first leaves Builder failing on every retry.
    expect(judgeReference([{ id: "reference.json", dump: d.reference }], judgeChecks(project))).toEqual({
      confirmed: [],
      observations: [],
    });
    const j = judge(project, d);
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("error");
    expect(j.citations[0]).toMatchObject({ controllerId: "Builder" });
    expect(j.citations[0]?.note).toContain(
      "error that never heals (its retry changes nothing): lock held by someone else",
    );
  });

  it("rule 11: a finalizer the controller never drops is a bug without any perturbation, judged from the reference alone", async () => {
    const project = defineProject({
      name: "finalizers",
      controllers: [
        defineController({
          id: "Guard",
          for: "example.com/App",
          reconcile(ctx, req) {
            const app = ctx.get("example.com/App", req);
            if (!app || app.metadata.deletionTimestamp) return; // forgets to drop its finalizer on deletion
            if (!(app.metadata.finalizers ?? []).includes("guard"))
              ctx.update({ ...app, metadata: { ...app.metadata, finalizers: ["guard"] } });
          },
        }),
      ],
    });
    const app = obj("App", "a");
    const s = scenario("finalizers", [app], { actions: [{ id: "delete", opType: "DELETE", object: app }] });
    const [ref] = await explore(project, s, { mode: "reference" });
    const dump = (ref as { dump: Dump }).dump;
    const evidence = judgeReference([{ id: "reference.json", dump }], judgeChecks(project)).confirmed;
    expect(evidence.map((e) => e.kind)).toEqual(["invariant"]);
    expect(evidence[0]?.symptom.invariants).toEqual(["no object stuck terminating at convergence"]);
    expect(evidence[0]?.reason).toContain(
      "example.com/App default/a is still terminating (finalizers: guard)",
    );
    expect(resolveCitationIn(dump, evidence[0]?.citations[0] as never)).toEqual({ ok: true });
  });

  it("rule 11b: a controller deliberately failing on the plain path (waiting for what the scenario lacks) is an observation", async () => {
    const project = defineProject({
      name: "waiting",
      controllers: [
        defineController({
          id: "Waiter",
          for: "example.com/App",
          reconcile(ctx) {
            if (!ctx.get("core/Secret", { namespace: "default", name: "creds" }))
              throw new Error("waiting for secret creds");
          },
        }),
      ],
    });
    const [ref] = await explore(project, scenario("waiting", [obj("App", "a")]), { mode: "reference" });
    const judged = judgeReference(
      [{ id: "reference.json", dump: (ref as { dump: Dump }).dump }],
      judgeChecks(project),
    );
    expect(judged.confirmed).toEqual([]);
    expect(judged.observations.map((e) => e.reason)).toEqual([
      expect.stringContaining(
        "never heals: Waiter error that never heals (its retry changes nothing): waiting for secret creds",
      ),
    ]);
  });

  it("rule 11: a reconcile that throws on every run is a failure that never heals on the reference path", async () => {
    const project = defineProject({
      name: "broken",
      controllers: [
        defineController({
          id: "Broken",
          for: "example.com/App",
          reconcile(ctx, req) {
            const app = ctx.get("example.com/App", req);
            // biome-ignore lint/correctness/noUnsafeOptionalChaining: the planted defect is this TypeError
            return (app?.spec as { missing: { field: string } }).missing.field as never;
          },
        }),
      ],
    });
    const [ref] = await explore(
      project,
      scenario("broken", [obj("App", "a")], { tuning: { maxDepth: 10 } }),
      {
        mode: "reference",
      },
    );
    const evidence = judgeReference(
      [{ id: "reference.json", dump: (ref as { dump: Dump }).dump }],
      judgeChecks(project),
    ).confirmed;
    expect(evidence.map((e) => e.kind)).toEqual(["error"]);
    expect(evidence[0]?.citations[0]?.controllerId).toBe("Broken");
    expect(evidence[0]?.reason).toMatch(/never heals: Broken .*Cannot read properties of undefined/);
  });

  describe("rule 1: a crash is judged after the manager restart", () => {
    const JOB = "example.com/Job";
    const pod = (req: { namespace: string; name: string }): KubeObj => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { ...req },
      spec: { image: "busybox" },
    });
    /** Creates the Pod, then records it: a restart re-runs it and it finishes the job. */
    const healing = defineController({
      id: "JobController",
      for: JOB,
      reconcile(ctx, req) {
        const j = ctx.get(JOB, req);
        if (!j) return;
        if (!ctx.get("core/Pod", req)) ctx.create(pod(req));
        if ((j.status as { podCreated?: boolean } | undefined)?.podCreated !== true)
          ctx.updateStatus({ ...j, status: { podCreated: true } });
      },
    });
    /** Records the Pod first and trusts the record: a crash between the writes leaves the Pod never created. */
    const trusting = defineController({
      id: "JobController",
      for: JOB,
      reconcile(ctx, req) {
        const j = ctx.get(JOB, req);
        if (!j) return;
        if ((j.status as { podCreated?: boolean } | undefined)?.podCreated === true) return;
        ctx.updateStatus({ ...j, status: { podCreated: true } });
        ctx.create(pod(req));
      },
    });
    const job: KubeObj = {
      apiVersion: "example.com/v1",
      kind: "Job",
      metadata: { name: "j1", namespace: "default" },
    };
    const crash = (restart: boolean): Scenario =>
      scenario("jobs", [job], {
        tuning: {
          faultInjection: [
            {
              reconciler: "JobController",
              crashAfterEffect: 1,
              triggerOnce: true,
              ...(restart ? { restartManager: "quiescence" } : {}),
            },
          ],
        },
      });
    const base = scenario("jobs", [job]);

    it("a crash the restart heals is refuted", async () => {
      const project = defineProject({ name: "jobs", controllers: [healing] });
      const j = judge(project, await runs(project, base, crash(true)), "fault-injection");
      expect(j.status).toBe("refuted");
    });

    it("without a restart the same crash is at most an observation", async () => {
      const project = defineProject({ name: "jobs", controllers: [healing] });
      const j = judge(project, await runs(project, base, crash(false)), "fault-injection");
      expect(j.status).not.toBe("confirmed");
      expect(j.observation?.reason).toContain("no manager restart modelled");
    });

    it("a crash the restart does not heal confirms, citing the restart", async () => {
      const project = defineProject({ name: "jobs", controllers: [trusting] });
      const j = judge(project, await runs(project, base, crash(true)), "fault-injection");
      expect(j.status).toBe("confirmed");
      expect(j.evidence).toBe("divergence");
      expect(j.differences).toEqual([
        {
          object: { kind: "core/Pod", namespace: "default", name: "j1" },
          class: "object-missing",
          fields: [],
        },
      ]);
      expect(j.reason).toContain("did not heal it");
      expect(j.citations.at(-1)?.note).toContain("manager restart");
    });
  });

  it("rule 1b: a stale cache catches up before a branch may end; a retry that failed on the stale copy then succeeds", async () => {
    // Reader updates the ConfigMap with the resourceVersion of the copy it read: under a window that never closes by
    // itself every retry would conflict forever (kamera's semantics). A real cache catches up; the engine lets it
    // catch up at quiescence and runs the queued retry on the fresh copy, so there is nothing wrong to report.
    const project = defineProject({
      name: "conflicts",
      controllers: [
        defineController({
          id: "Bumper",
          for: "example.com/App",
          reconcile(ctx) {
            const cm = ctx.get(CM, { namespace: "default", name: "cfg" });
            if (cm && (cm.data as Record<string, string>).a !== "2")
              ctx.update({ ...cm, data: { ...(cm.data as Record<string, string>), a: "2" } });
          },
        }),
        defineController({
          id: "Reader",
          for: "example.com/App",
          reads: [CM],
          reconcile(ctx) {
            const cm = ctx.get(CM, { namespace: "default", name: "cfg" });
            if (cm && (cm.data as Record<string, string>).b !== "1")
              ctx.update({ ...cm, data: { ...(cm.data as Record<string, string>), b: "1" } });
          },
        }),
      ],
    });
    const seed = [obj("App", "a"), cmOf("cfg", { a: "1" })];
    const window = { reconciler: "Reader", kind: CM, staleAt: 2, catchUpAt: 99, lag: -1 };
    const variant = scenario("conflicts", seed, { tuning: { stalenessIntervals: [window] } });
    const d = await runs(project, scenario("conflicts", seed), variant);
    const paths = (d.exploration.states ?? []).map((st) =>
      (st.paths?.[0] ?? []).map((x) => `${x.controllerId}${x.error ? "!" : ""}`).join(" "),
    );
    // The stale copy conflicts ("!"); after the caches catch up the queued retry goes through.
    expect(paths).toEqual(["Bumper Reader! Reader"]);
    const j = judgeOutcome({
      hypothesis: hypothesis({ type: "staleness", targets: { controllers: ["Reader"], kinds: [CM] } }),
      confirmedBy: PERTURBATIONS.staleness.confirmedBy,
      exploration: [{ id: "explore.json", dump: d.exploration }],
      baseline: [{ id: "reference.json", dump: d.reference }],
      run: { status: "ok" },
      checks: judgeChecks(project),
      intervals: [window],
    });
    expect(j.status).toBe("refuted");
  });

  /** Database waits for its Secret by failing (and being retried); a second controller creates the Secret. */
  const waitsForSecret = (credentialsId: string) => {
    const DB = "example.com/Database";
    return defineProject({
      name: "retries",
      controllers: [
        defineController({
          id: credentialsId,
          for: DB,
          reconcile(ctx, req) {
            if (!ctx.get("core/Secret", { namespace: req.namespace, name: req.name }))
              ctx.create({ apiVersion: "v1", kind: "Secret", metadata: { ...req }, data: {} });
          },
        }),
        defineController({
          id: "Database",
          for: DB,
          reads: ["core/Secret"],
          reconcile(ctx, req) {
            const db = ctx.get(DB, req);
            if (!db || (db.status as { ready?: boolean } | undefined)?.ready) return;
            if (!ctx.get("core/Secret", { namespace: req.namespace, name: req.name }))
              throw new Error("secret not found yet");
            ctx.updateStatus({ ...db, status: { ready: true } });
          },
        }),
      ],
    });
  };

  it("rule 4b: a failed reconcile still queued after others changed the world is not an outcome (its retry would run)", async () => {
    const project = waitsForSecret("Credentials");
    const seed = [obj("Database", "db")];
    const ids = ["Credentials", "Database"];
    const d = await runs(
      project,
      scenario("retries", seed),
      scenario("retries", seed, { tuning: { permuteControllers: ids } }),
    );
    expect(judge(project, d).status).toBe("refuted");
    // The embedded engine runs the retry before the branch may end (engine difference 20): every outcome is ready.
    for (const st of statesOf(d.exploration))
      expect(objectsOf(d.exploration, st).find((o) => o.kind === "Database")?.status).toEqual({
        ready: true,
      });
  });

  it("rule 4b on a kamera-shaped dump: where only the retry is queued, the retry is found and would see a changed world", async () => {
    // "Keymaker" sorts after "Database": the plain run fails first, then the Secret appears.
    const [reference] = await explore(
      waitsForSecret("Keymaker"),
      scenario("retries", [obj("Database", "db")]),
      {
        mode: "reference",
      },
    );
    const [st] = statesOf(reference.dump);
    const path = pathsOf(st)[0];
    expect(path.map((x) => x.error ?? x.controllerId)).toEqual([
      "secret not found yet",
      "Keymaker",
      "Database", // the retry, before the branch may end
      "Database", // then what its status write triggers
      "Keymaker",
    ]);
    // kamera ends the branch after Keymaker's step (only the retry is queued): cut the path there.
    const k = path.findIndex((x) => (x.pendingReconciles ?? []).every((q) => q.source === "Requeue"));
    expect(k).toBe(1);
    const contents = { ...st.state.contents, pendingReconciles: path[k].pendingReconciles };
    const cut = { ...st, state: { ...st.state, contents }, paths: [path.slice(0, k + 1)] } as TerminalState;
    expect(pendingRetries(cut, path.slice(0, k + 1))).toMatchObject([{ k: 0, changedAfter: true }]);
  });

  it("rule 3: a violated predicate of the hypothesis confirms", async () => {
    const project = race();
    const d = await runs(project, raceScenario(false), raceScenario(true));
    const j = judgeOutcome({
      hypothesis: hypothesis({
        type: "ordering",
        targets: { controllers: ["Alpha", "Beta"] },
        predicates: [
          {
            op: "fieldEquals",
            kind: CM,
            namespace: "default",
            name: "shared",
            path: "data.by",
            value: "Alpha",
          },
        ],
      }),
      confirmedBy: PERTURBATIONS.ordering.confirmedBy,
      exploration: [{ id: "explore.json", dump: d.exploration }],
      baseline: [{ id: "reference.json", dump: d.reference }],
      run: { status: "ok" },
      checks: judgeChecks(project),
    });
    expect(j.status).toBe("confirmed");
    expect(j.evidence).toBe("predicate");
    expect(j.citations[0]?.note).toBe(
      'predicate violated: core/ConfigMap default/shared has data.by = "Alpha"',
    );
  });

  describe("rules 8 and 10: a controller that never stops writing", () => {
    /** Bumps a counter in status on every reconcile, and its own status write triggers it again. */
    const project = defineProject({
      name: "churn",
      controllers: [
        defineController({
          id: "Ticker",
          for: "example.com/App",
          reconcile(ctx, req) {
            const app = ctx.get("example.com/App", req);
            if (!app) return;
            const n = (app.status as { ticks?: number } | undefined)?.ticks ?? 0;
            ctx.updateStatus({ ...app, status: { ticks: n + 1 } });
          },
        }),
      ],
    });
    const s = scenario("churn", [obj("App", "a")], { tuning: { maxDepth: 12 } });

    it("rule 8: an unconditional-write hypothesis is confirmed by the cycle, citing the repeated write", async () => {
      const d = await runs(project, s, s);
      const j = judge(project, d, "unconditional-write");
      expect(j.status).toBe("confirmed");
      expect(j.evidence).toBe("cycling");
      expect(j.citations[0]?.controllerId).toBe("Ticker");
      // The symptom names the object the loop keeps writing.
      expect(j.symptom).toEqual({
        kind: "cycling",
        invariants: [],
        objects: [{ kind: "example.com/App", namespace: "default", name: "a" }],
      });
    });

    it("rule 10: an ordering hypothesis on the same run is inconclusive, saying what stood in the way", async () => {
      const d = await runs(project, s, s);
      const j = judge(project, d, "ordering");
      expect(j.status).toBe("inconclusive");
      expect(j.reason).toMatch(/aborted \(1 at max depth/);
    });
  });
});

describe("judge rules: what the owner calls bookkeeping, and a reference that is itself wrong", () => {
  const CHILD = "example.com/Child";
  /** Placeholder creates the child bare, Stamper creates or completes it: the two orderings differ only in `extra`. */
  const stamped = (
    extra: (
      ctx: Parameters<ProjectDefinition["controllers"][number]["reconcile"]>[0],
      completing: boolean,
    ) => object,
  ) =>
    defineProject({
      name: "stamps",
      controllers: [
        defineController({
          id: "Placeholder",
          for: "example.com/App",
          reconcile(ctx) {
            if (!ctx.get(CHILD, { namespace: "default", name: "c" }))
              ctx.create({
                apiVersion: "example.com/v1",
                kind: "Child",
                metadata: { name: "c", namespace: "default" },
              });
          },
        }),
        defineController({
          id: "Stamper",
          for: "example.com/App",
          owns: [CHILD],
          reconcile(ctx) {
            const c = ctx.get(CHILD, { namespace: "default", name: "c" }) as
              | (KubeObj & { spec?: { done?: boolean } })
              | undefined;
            if (c?.spec?.done) return;
            const body = {
              apiVersion: "example.com/v1",
              kind: "Child",
              metadata: { name: "c", namespace: "default" },
              spec: { done: true },
            };
            const { metadata, ...more } = extra(ctx, Boolean(c)) as { metadata?: object };
            if (!c) ctx.create({ ...body, ...more, metadata: { ...body.metadata, ...metadata } } as KubeObj);
            else
              ctx.update({ ...c, spec: { done: true }, ...more, metadata: { ...c.metadata, ...metadata } });
          },
        }),
      ],
    });
  const base = scenario("stamps", [obj("App", "a")]);
  const permuted = scenario("stamps", [obj("App", "a")], {
    tuning: { permuteControllers: ["Placeholder", "Stamper"] },
  });

  it("rule 5: Unix times a controller stamps (seconds as a string, milliseconds as a number) are timestamps", async () => {
    // Completing a placeholder happens later (an hour, say) than creating the child at once.
    const at = (ctx: { now(): string }, completing: boolean) =>
      Date.parse(ctx.now()) + (completing ? 3_600_000 : 0);
    const project = stamped((ctx, completing) => ({
      metadata: { annotations: { "example.com/synced": String(at(ctx, completing) / 1000) } },
      status: { syncedAtMs: at(ctx, completing) },
    }));
    const d = await runs(project, base, permuted);
    const stamps = new Set(
      (d.exploration.objects ?? [])
        .map((o) => (o.object as KubeObj).metadata?.annotations?.["example.com/synced"])
        .filter(Boolean),
    );
    expect(stamps.size).toBeGreaterThan(1); // the orderings do stamp different times
    const j = judge(project, d);
    expect(j.status).toBe("refuted");
  });

  it("rule 5: Events are a log, not state: an ordering that records another Event is the same outcome", async () => {
    const project = stamped((ctx, completing) => {
      ctx.create({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: completing ? "c.completed" : "c.created", namespace: "default" },
        reason: completing ? "Completed" : "Created",
        involvedObject: { kind: "Child", name: "c", namespace: "default" },
      } as KubeObj);
      return {};
    });
    const d = await runs(project, base, permuted);
    const events = new Set(
      (d.exploration.objects ?? [])
        .filter((o) => (o.object as KubeObj).kind === "Event")
        .map((o) => (o.object as KubeObj).metadata.name),
    );
    expect(events).toEqual(new Set(["c.completed", "c.created"])); // the orderings do record different Events
    const j = judge(project, d);
    expect(j.status).toBe("refuted");
    expect(j.reason).toContain("converged to the reference outcome after masking bookkeeping fields");
  });

  it("a divergence toward an outcome healthier than a broken reference is an observation, not a finding", async () => {
    // Keeper adds a finalizer it never removes: deleted at quiescence, the Workspace stays terminating on every path.
    // Fired before Keeper ran, the DELETE removes it at once — the correct outcome, not a new bug.
    const WS = "example.com/Workspace";
    const project = defineProject({
      name: "keeper",
      controllers: [
        defineController({
          id: "Keeper",
          for: WS,
          reconcile(ctx, req) {
            const w = ctx.get(WS, req);
            if (
              w &&
              !w.metadata.deletionTimestamp &&
              !(w.metadata.finalizers ?? []).includes("example.com/keep")
            )
              ctx.update({ ...w, metadata: { ...w.metadata, finalizers: ["example.com/keep"] } });
          },
        }),
      ],
    });
    const ws = obj("Workspace", "w");
    const actions = [
      { id: "create", opType: "CREATE" as const, object: ws },
      { id: "delete", opType: "DELETE" as const, object: ws },
    ];
    const s = scenario("keeper", [], { actions });
    const early = scenario("keeper", [], { actions, tuning: { userActionReadyDepths: { "1": 1 } } });
    const d = await runs(project, s, early);
    const j = judge(project, d, "user-action-timing");
    expect(j.status).not.toBe("confirmed");
    expect(j.observation?.reason).toMatch(
      /the reference itself breaks .*no object stuck terminating.*heals part of a bug every path has/,
    );
    // The reference path's own verdict reports the bug.
    const r = judgeReference([{ id: "reference.json", dump: d.reference }], judgeChecks(project));
    expect(r.confirmed.map((e) => e.reason).join("\n")).toContain("stuck terminating");
  });
});
