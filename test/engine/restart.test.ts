import { describe, expect, it } from "vitest";
import { defineController, defineProject, type KubeObj } from "../../src/engine/index.ts";
import type { Dump, DumpStep } from "../../src/formats/dump.ts";
import type { Scenario } from "../../src/formats/workflow.ts";
import { allTerminals, explore as exploreBundled, get, type Terminal } from "../projects/harness.ts";
import { cm, converged, exploreOne, findObject, firstPath, scenario, terminalHashes } from "./helpers.ts";

/**
 * Manager restart after an injected crash (`faultInjection[i].restartManager`, a ctrlhunt extension): the
 * restarted manager re-lists every object and reconciles it with fresh caches, so a crash is a bug only when
 * that does not heal it.
 */

const JOB = "example.com/Job";
const job = (name: string): KubeObj => ({
  apiVersion: "example.com/v1",
  kind: "Job",
  metadata: { name, namespace: "default" },
  spec: { image: "busybox" },
});

/** Two writes per reconcile: create the Pod, then record it in status. Pods do not trigger it (no `owns`). */
const jobController = defineController({
  id: "JobController",
  for: JOB,
  reconcile(ctx, req) {
    const j = ctx.get(JOB, req);
    if (!j) return;
    if (!ctx.get("core/Pod", req))
      ctx.create({ apiVersion: "v1", kind: "Pod", metadata: { ...req }, spec: { image: "busybox" } });
    if ((j.status as { podCreated?: boolean } | undefined)?.podCreated !== true)
      ctx.updateStatus({ ...j, status: { podCreated: true } });
  },
});
const jobs = defineProject({ name: "jobs", controllers: [jobController] });

type Fault = NonNullable<NonNullable<Scenario["tuning"]>["faultInjection"]>[number];
const crashAfterPod = (extra: Partial<Fault> = {}): Fault => ({
  reconciler: "JobController",
  crashAfterEffect: 1,
  triggerOnce: true,
  ...extra,
});
const jobScenario = (names: string[], fault?: Fault) =>
  scenario("jobs", names.map(job), fault ? { tuning: { faultInjection: [fault] } } : {});

const meta = (s: DumpStep) => s.stepMetadata ?? {};
const podCreated = (d: Dump, name: string) =>
  (findObject(d, converged(d)[0], "Job", name)?.status as { podCreated?: boolean } | undefined)?.podCreated;

describe("manager restart after an injected crash", () => {
  it("a controller that creates a Pod then records it finishes the job after the restart (crash-free terminal state)", async () => {
    const crashFree = await exploreOne(jobs, jobScenario(["j1"]));
    const restarted = await exploreOne(
      jobs,
      jobScenario(["j1"], crashAfterPod({ restartManager: "quiescence" })),
    );
    expect(converged(restarted)).toHaveLength(1);
    expect(podCreated(restarted, "j1")).toBe(true);
    expect(terminalHashes(restarted)).toEqual(terminalHashes(crashFree));
  });

  it("without restartManager (kamera parity) the crash leaves the record unwritten: nothing runs the controller again", async () => {
    const d = await exploreOne(jobs, jobScenario(["j1"], crashAfterPod()));
    expect(converged(d)).toHaveLength(1);
    expect(findObject(d, converged(d)[0], "Pod", "j1")).toBeDefined();
    expect(podCreated(d, "j1")).toBeUndefined();
    const path = firstPath(converged(d)[0]);
    expect(path).toHaveLength(1);
    expect(path.every((s) => meta(s)["ctrlhunt.afterRestart"] === undefined)).toBe(true);
    expect(d.context?.scenario?.attributes?.["ctrlhunt.restartManager"]).toBeUndefined();
  });

  it("marks every reconcile after the restart, the first one as the restart, and names the option in the dump", async () => {
    const d = await exploreOne(jobs, jobScenario(["j1"], crashAfterPod({ restartManager: "quiescence" })));
    const path = firstPath(converged(d)[0]);
    expect(path.map((s) => [s.controllerId, (s.changes.effects ?? []).length, meta(s)])).toEqual([
      ["JobController", 1, { "ctrlhunt.crashed": "true" }], // the crash: the Pod is durable, the status write was refused
      ["JobController", 1, { "ctrlhunt.afterRestart": "true", "ctrlhunt.restart": "manager" }],
      ["JobController", 0, { "ctrlhunt.afterRestart": "true" }], // its own status write re-triggered it
    ]);
    // The branch did not converge after the crash although nothing was pending: it had to reach the restart.
    expect(path[0].pendingReconciles ?? []).toEqual([]);
    expect(d.context?.scenario?.attributes?.["ctrlhunt.restartManager"]).toBe("JobController=quiescence");
  });

  it("Monte Carlo trials restart the manager too", async () => {
    const d = await exploreOne(
      jobs,
      jobScenario(["j1", "j2"], crashAfterPod({ restartManager: "quiescence" })),
      {
        trials: 1,
        seed: 3,
      },
    );
    expect(d.context?.scenario?.attributes?.search_mode).toBe("monte_carlo");
    expect(podCreated(d, "j1")).toBe(true);
    expect(podCreated(d, "j2")).toBe(true);
    const path = firstPath(converged(d)[0]);
    expect(path.filter((s) => meta(s)["ctrlhunt.restart"] === "manager")).toHaveLength(1);
  });

  it("atDepth restarts at that depth even with work pending, replacing the queue by the resync (source Recovery)", async () => {
    const d = await exploreOne(
      jobs,
      jobScenario(["j1", "j2"], crashAfterPod({ restartManager: { atDepth: 2 } })),
    );
    expect(converged(d)).toHaveLength(1);
    const path = firstPath(converged(d)[0]);
    const at = path.findIndex((s) => meta(s)["ctrlhunt.restart"] === "manager");
    expect(at).toBe(2);
    expect((path[1].pendingReconciles ?? []).map((p) => `${p.name}:${p.source}`)).toEqual([
      "j2:State Change",
    ]);
    expect((path[at].pendingReconciles ?? []).map((p) => `${p.name}:${p.source}`)).toContain("j2:Recovery");
    expect(path.slice(at).every((s) => meta(s)["ctrlhunt.afterRestart"] === "true")).toBe(true);
    expect(path.slice(0, at).every((s) => meta(s)["ctrlhunt.afterRestart"] === undefined)).toBe(true);
    expect(podCreated(d, "j1")).toBe(true);
    expect(d.context?.scenario?.attributes?.["ctrlhunt.restartManager"]).toBe("JobController=atDepth:2");
  });

  it("a restart ends staleness: the restarted controller sees (and is triggered by) what its frozen view hid", async () => {
    // Mirror copies ConfigMap src into a Mirror object, then records it in status (two writes). Its view of
    // ConfigMaps is frozen at the seeded src for the whole run; the user then raises src to 1.
    const mirror = defineController({
      id: "Mirror",
      for: "example.com/Mirror",
      watches: [{ kind: "core/ConfigMap", map: () => [{ namespace: "default", name: "m" }] }],
      reconcile(ctx, req) {
        const m = ctx.get("example.com/Mirror", req);
        const src = ctx.get("core/ConfigMap", { namespace: "default", name: "src" });
        if (!m || !src) return;
        const v = (src.data as Record<string, string> | undefined)?.v;
        if ((m.spec as { v?: string }).v !== v) ctx.update({ ...m, spec: { v } });
        if ((m.status as { v?: string } | undefined)?.v !== v) ctx.updateStatus({ ...m, status: { v } });
      },
    });
    const project = defineProject({ name: "mirror", controllers: [mirror] });
    const seeds = [
      cm("src", { v: "0" }),
      {
        apiVersion: "example.com/v1",
        kind: "Mirror",
        metadata: { name: "m", namespace: "default" },
        spec: {},
      },
    ];
    const run = (restartManager?: Fault["restartManager"]) =>
      exploreOne(
        project,
        scenario("mirror", seeds, {
          actions: [{ id: "raise", opType: "UPDATE", object: cm("src", { v: "1" }) }],
          tuning: {
            stalenessIntervals: [
              { reconciler: "Mirror", kind: "core/ConfigMap", staleAt: 1, catchUpAt: 100, lag: -1 },
            ],
            faultInjection: [
              {
                reconciler: "Mirror",
                crashAfterEffect: 1,
                triggerOnce: true,
                ...(restartManager ? { restartManager } : {}),
              },
            ],
          },
        }),
      );
    const spec = (d: Dump) =>
      (findObject(d, converged(d)[0], "Mirror", "m")?.spec as { v?: string } | undefined)?.v;
    // Without a restart the update of src is filtered (stale kind) while the window is open; the caches catch up
    // when the branch would converge, and Mirror watches ConfigMaps, so it then sees src = 1.
    const stale = await run();
    expect(converged(stale)).toHaveLength(1);
    expect(spec(stale)).toBe("1");
    const caughtUp = firstPath(converged(stale)[0]).filter((s) => meta(s)["ctrlhunt.caughtUp"] === "true");
    expect(caughtUp).toHaveLength(1);
    const healed = await run("quiescence");
    expect(converged(healed)).toHaveLength(1);
    expect(spec(healed)).toBe("1");
    const after = firstPath(converged(healed)[0]).filter((s) => meta(s)["ctrlhunt.afterRestart"] === "true");
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => (s.stalenessInfo ?? []).length === 0)).toBe(true);
  });
});

describe("manager restart on kro-lite (KRO K2b)", () => {
  const FILE = "k2b_instance-applyset-children.json";
  const crash = {
    faultInjection: [
      {
        reconciler: "ApplicationController",
        crashAfterEffect: 2,
        triggerOnce: true,
        restartManager: "quiescence" as const,
      },
    ],
  };
  const hasService = (t: Terminal) => get(t, "core/Service", "default", "my-api") !== undefined;
  /** Terminal contents without creationTimestamp: the re-applied children are created later (bookkeeping). */
  const contents = (ts: Terminal[]) =>
    ts
      .map((t) =>
        [...t.objects]
          .map(([k, o]) => {
            const { creationTimestamp: _when, ...metadata } = o.metadata;
            return `${k}=${JSON.stringify({ ...o, metadata })}`;
          })
          .join("|"),
      )
      .sort();

  it("the buggy controller trusts its half-written record and still ends without the Service after the restart", async () => {
    const ts = allTerminals(await exploreBundled("kro-lite", FILE, { tuning: crash }));
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) {
      expect(t.error).toBeUndefined();
      expect(hasService(t)).toBe(false);
    }
  });

  it("the fixed controller re-applies what the crash lost: the crash-free terminal state", async () => {
    const [ref] = await exploreBundled("kro-lite-fixed", FILE, { mode: "reference" });
    const ts = allTerminals(await exploreBundled("kro-lite-fixed", FILE, { tuning: crash }));
    expect(ts.every(hasService)).toBe(true);
    expect(contents(ts)).toEqual(contents(allTerminals([ref])));
  });
});
