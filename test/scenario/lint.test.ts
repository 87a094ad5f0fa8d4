import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/formats/workflow.ts";
import { parseWorkflowText } from "../../src/formats/workflow-io.ts";
import { type CheckRule, type ControllerFacts, LINT_RULES, lintWorkflow } from "../../src/scenario/index.ts";
import { readText } from "../formats/fixtures.ts";

const real = (name: string) => {
  const file = path.join(import.meta.dirname, "../formats/kamera-inputs", name);
  return parseWorkflowText(readText(file), name);
};

const app = {
  apiVersion: "kro.run/v1alpha1",
  kind: "Application",
  metadata: { name: "app", namespace: "default" },
};

const kroLite: ControllerFacts = {
  project: "kro-lite",
  source: "project.ts",
  controllers: [
    { id: "InstanceController", kinds: ["kro.run/Application", "apps/Deployment"] },
    { id: "RGDController", kinds: ["kro.run/ResourceGraphDefinition"] },
  ],
};

const scenario = (s: Partial<Scenario>): Scenario => ({
  name: "k9/case",
  environmentState: { objects: [app] },
  externalInputs: [{ opType: "UPDATE", object: app }],
  ...s,
});

/** One realistic case per rule, keyed by the rule enum: a rule without a case here fails to compile. */
const cases: Record<
  CheckRule,
  { s: Scenario; facts?: ControllerFacts; engine?: "embedded" | "kamera"; path: string; message: RegExp }
> = {
  "kind-not-canonical": {
    s: scenario({ tuning: { permuteAfterEvent: { opType: "CREATE", kind: "apps/v1/Deployment" } } }),
    path: "[0].tuning.permuteAfterEvent.kind",
    message: /"apps\/v1\/Deployment" is not a canonical kind: it contains a version; use "apps\/Deployment"/,
  },
  "ready-depth-index": {
    s: scenario({ tuning: { userActionReadyDepths: { "1": 4 } } }),
    path: '[0].tuning.userActionReadyDepths["1"]',
    message: /action index 1 does not exist: the scenario has 1 external input \(indexes 0–0\)/,
  },
  "ready-depth-beyond-max-depth": {
    s: scenario({ tuning: { maxDepth: 20, userActionReadyDepths: { "0": 30 } } }),
    path: '[0].tuning.userActionReadyDepths["0"]',
    message: /depth 30, beyond tuning.maxDepth \(20\)/,
  },
  "unregistered-controller": {
    s: scenario({ tuning: { permuteControllers: ["InstanceController", "instancecontroller", "Nope"] } }),
    facts: kroLite,
    path: "[0].tuning.permuteControllers[1]",
    message:
      /"instancecontroller" is not a registered controller of kro-lite \(did you mean "InstanceController"\?\)/,
  },
  "stale-kind-not-read": {
    s: scenario({
      tuning: {
        stalenessIntervals: [
          { reconciler: "RGDController", kind: "core/Pod", staleAt: 1, catchUpAt: 2, lag: -1 },
        ],
      },
    }),
    facts: kroLite,
    path: "[0].tuning.stalenessIntervals[0].kind",
    message: /RGDController does not read core\/Pod .*no effect/,
  },
  "update-carries-status": {
    s: scenario({ externalInputs: [{ opType: "UPDATE", object: { ...app, status: { ready: true } } }] }),
    path: "[0].externalInputs[0].object.status",
    message: /UPDATE actions must not carry status/,
  },
  "action-target-missing": {
    s: scenario({ externalInputs: [{ opType: "DELETE", object: { apiVersion: "v1", kind: "Pod" } }] }),
    path: "[0].externalInputs[0].object.metadata.name",
    message: /DELETE needs metadata.name/,
  },
  "action-waits-for-convergence": {
    s: scenario({ tuning: { permuteControllers: ["InstanceController"] } }),
    path: "[0].externalInputs[0]",
    message: /fires only after the branch converges/,
  },
  "duplicate-action-id": {
    s: scenario({
      externalInputs: [
        { id: "scale", opType: "UPDATE", object: app },
        { id: "scale", opType: "UPDATE", object: app },
      ],
    }),
    path: "[0].externalInputs[1].id",
    message: /duplicate action id "scale" \(also \[0\]\)/,
  },
  "legacy-staleness": {
    s: scenario({ tuning: { staleReads: { InstanceController: ["kro.run/Application"] } } }),
    path: "[0].tuning.staleReads",
    message: /staleReads is deprecated/,
  },
  "permute-depth-range": {
    s: scenario({ tuning: { permuteControllers: ["A"], permuteDepthRange: { min: 8, max: 3 } } }),
    path: "[0].tuning.permuteDepthRange",
    message: /min \(8\) is greater than max \(3\)/,
  },
  "permute-filter-without-controllers": {
    s: scenario({ tuning: { permuteDepthRange: { min: 1, max: 3 } } }),
    path: "[0].tuning.permuteDepthRange",
    message: /no effect: tuning.permuteControllers is empty/,
  },
  "interval-depth-gates": {
    s: scenario({
      tuning: {
        stalenessIntervals: [
          {
            reconciler: "R",
            kind: "core/Pod",
            staleAt: 1,
            catchUpAt: 9,
            lag: -1,
            activateAtDepth: 9,
            deactivateAtDepth: 4,
          },
        ],
      },
    }),
    path: "[0].tuning.stalenessIntervals[0].deactivateAtDepth",
    message: /never opens/,
  },
  "restart-needs-embedded-engine": {
    s: scenario({
      tuning: {
        faultInjection: [
          { reconciler: "InstanceController", crashAfterEffect: 1, restartManager: "quiescence" },
        ],
      },
    }),
    engine: "kamera",
    path: "[0].tuning.faultInjection[0].restartManager",
    message: /kamera ignores it, so this crash runs without a manager restart/,
  },
  "misspelled-field": {
    s: scenario({ tuning: { permuteController: ["A"] } as never }),
    path: "[0].tuning.permuteController",
    message: /unknown field "permuteController": did you mean "permuteControllers"\? \(it is ignored\)/,
  },
};

describe("scenario lint rules", () => {
  it.each(Object.entries(cases))("%s fires where the problem is, with the rule's severity", (rule, c) => {
    const issues = lintWorkflow([c.s], { controllers: c.facts, engine: c.engine }, "f.json");
    const hit = issues.find((i) => i.rule === rule && i.path === c.path);
    expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
    expect(hit?.message).toMatch(c.message);
    expect(hit?.file).toBe("f.json");
    expect(["error", "warning"]).toContain(hit?.severity);
  });

  it("a clean, well-formed scenario has no findings", () => {
    const clean = scenario({
      tuning: {
        maxDepth: 40,
        permuteControllers: ["InstanceController"],
        userActionReadyDepths: { "0": 3 },
        stalenessIntervals: [
          { reconciler: "InstanceController", kind: "apps/Deployment", staleAt: 1, catchUpAt: 3, lag: -1 },
        ],
      },
    });
    expect(lintWorkflow([clean], { controllers: kroLite })).toEqual([]);
  });

  it("accepts restartManager on an embedded project, in both forms, and catches a misspelled atDepth", () => {
    const crash = (restartManager: unknown) =>
      scenario({
        tuning: {
          faultInjection: [
            { reconciler: "InstanceController", crashAfterEffect: 1, restartManager } as never,
          ],
        },
      });
    const ctx = { controllers: kroLite, engine: "embedded" as const };
    expect(lintWorkflow([crash("quiescence"), crash({ atDepth: 4 })], ctx)).toEqual([]);
    expect(lintWorkflow([crash({ atDepht: 4 })], ctx).map((i) => `${i.path} ${i.rule}`)).toContain(
      "[0].tuning.faultInjection[0].restartManager.atDepht misspelled-field",
    );
  });

  it("skips controller checks when no project is known", () => {
    const s = cases["unregistered-controller"].s;
    expect(lintWorkflow([s]).filter((i) => i.rule === "unregistered-controller")).toEqual([]);
  });

  it("every rule documents itself", () => {
    for (const def of Object.values(LINT_RULES)) expect(def.summary.length).toBeGreaterThan(10);
  });
});

describe("scenario lint on real kamera files", () => {
  it("kcp4: a bare kind in a staleness interval gets the group from the scenario's own objects", () => {
    const issues = lintWorkflow(real("artifact-section61__kcp4.json"));
    expect(issues).toContainEqual(
      expect.objectContaining({
        rule: "kind-not-canonical",
        severity: "error",
        path: "[0].tuning.stalenessIntervals[0].kind",
        message: expect.stringContaining('use "apis.kcp.io/APIExport"'),
      }),
    );
  });

  it("karpenter d10: a user UPDATE carrying status is an error; d12's EnvironmentEvent UPDATE is not", () => {
    const d10 = lintWorkflow(real("karpenter__d10_nodeclass-readiness-toctou.json"));
    expect(d10.map((i) => `${i.path} ${i.rule}`)).toContain(
      "[0].userInputs[0].object.status update-carries-status",
    );
    const d12 = lintWorkflow(real("karpenter__d12-tuning-v9.json"));
    expect(d12.filter((i) => i.rule === "update-carries-status")).toEqual([]);
  });

  it("kro K3: legacy staleness is deprecated; the second input waits for convergence while permuting", () => {
    const issues = lintWorkflow(real("kro__k3_staleness-spec-update.json"));
    expect(issues.map((i) => `${i.severity} ${i.path} ${i.rule}`).sort()).toEqual([
      "warning [0].externalInputs[1] action-waits-for-convergence",
      "warning [0].tuning.staleLookback legacy-staleness",
      "warning [0].tuning.staleReads legacy-staleness",
    ]);
  });
});
