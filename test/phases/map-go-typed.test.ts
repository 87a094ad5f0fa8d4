import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type MapResult, mapProject } from "../../src/phases/map/index.ts";
import { runCli } from "../helpers/run-cli.ts";

// A module that type-checks offline: its controller-runtime, client-go and API dependencies are small local
// stand-ins wired with `replace`, so the typed pass (go/packages + go/types) runs without the module proxy.
const fixture = fileURLToPath(new URL("../fixtures/go-typed/", import.meta.url));

// A scenario written against the IDs of an older map (the bare type name).
const scenario = {
  name: "a/b",
  environmentState: {
    objects: [
      { apiVersion: "typed.example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "d" } },
    ],
  },
  tuning: { permuteControllers: ["Reconciler", "GizmoReconciler"] },
};

describe("map a Go project with type information", () => {
  let res: MapResult;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-map-typed-"));
    fs.mkdirSync(path.join(root, "projects", "typed", "scenarios"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "projects", "typed", "scenarios", "old.json"),
      JSON.stringify([scenario]),
    );
    res = await mapProject({ root, project: "typed", goDir: fixture });
  }, 240_000);

  const ctrl = (id: string) => {
    const c = res.map.controllers.find((x) => x.id === id);
    if (!c) throw new Error(`no controller ${id}; have ${res.map.controllers.map((x) => x.id).join(", ")}`);
    return c;
  };

  it("was type-checked, not mapped syntactically", () => {
    expect(res.map.issues.map((i) => i.message).join("\n")).not.toMatch(/type information unavailable/);
  });

  it("names clashing reconcilers by package, keeps the old ID as an alias, and takes kit IDs", () => {
    expect(res.map.controllers.map((c) => c.id)).toEqual([
      "Controller",
      "GadgetController",
      "GizmoReconciler",
      "unused.Reconciler",
      "widget.Reconciler",
    ]);
    expect(ctrl("widget.Reconciler").aliases).toEqual(["Reconciler"]);
    expect(ctrl("GadgetController")).toMatchObject({ aliases: ["Reconciler"], registered: true });
  });

  it("follows a builder split across statements, metadata-only watches and multi-value results", () => {
    const w = ctrl("widget.Reconciler");
    expect(w).toMatchObject({ for: "typed.example.com/Widget", owns: ["apps/Deployment"], registered: true });
    expect(w.watches).toEqual([{ kind: "core/Secret", mapper: "secretToWidgets" }]);
    expect(w.writeOrder).toEqual(["CREATE apps/Deployment", "PATCH typed.example.com/Widget/status"]);
    expect(w.writes.find((x) => x.surface === "status")?.via).toBe("MarkReady");
    expect(w.reads).toContainEqual(expect.objectContaining({ kind: "typed.example.com/Widget", op: "LIST" }));
  });

  it("labels reads that bypass the cache or go to another cluster, and opens no staleness window for them", () => {
    expect(ctrl("widget.Reconciler").reads).toContainEqual(
      expect.objectContaining({ kind: "core/Secret", op: "GET", client: "uncached" }),
    );
    expect(ctrl("GadgetController").reads).toContainEqual(
      expect.objectContaining({ kind: "core/Pod", client: "remote" }),
    );
    const windows = res.map.vulnerabilityWindows.map((v) => `${v.reader} ${v.kind}`);
    expect(windows).not.toContain("widget.Reconciler core/Secret");
    expect(windows).not.toContain("GadgetController core/Pod");
  });

  it("recognises ctrl.CreateOrUpdate under any import name and reconcilers behind AsReconciler", () => {
    expect(ctrl("GadgetController").writeOrder).toEqual(["APPLY core/ConfigMap/spec"]);
    expect(ctrl("GizmoReconciler").writeOrder).toEqual(["UPDATE typed.example.com/Gizmo/status"]);
  });

  it("maps a client-go informer controller: handler kinds as triggers, the sync handler's reads and writes", () => {
    const c = ctrl("Controller");
    expect(c).toMatchObject({ framework: "client-go", for: "apps/Deployment", registered: true });
    expect(c.reads).toContainEqual(expect.objectContaining({ kind: "apps/Deployment", op: "GET" }));
    expect(c.writes).toEqual([
      expect.objectContaining({
        kind: "apps/Deployment",
        op: "UPDATE",
        surface: "status",
        client: "uncached",
      }),
    ]);
  });

  it("reports what it cannot map instead of inventing kinds, and registration from main only", () => {
    expect(ctrl("unused.Reconciler")).toMatchObject({ registered: false, writes: [] });
    expect(res.map.issues).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/delete .*unknown kind/) }),
    );
    expect(res.map.kinds.map((k) => k.kind).filter((k) => /Object|Reference|Partial/.test(k))).toEqual([]);
    expect(res.map.controllers.some((c) => c.source.includes("webhook"))).toBe(false);
  });

  it("warns that a scenario names a controller by an old ID and says what it is now", () => {
    expect(res.map.issues).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(
          /controller "Reconciler" is now "GadgetController" or "unused\.Reconciler" or "widget\.Reconciler"/,
        ),
      }),
    );
  });

  it("scenario migrate --surface-map refuses to guess an old ID that is now several controllers", async () => {
    const scenario = path.join(root, "s.json");
    fs.writeFileSync(
      scenario,
      JSON.stringify([
        {
          name: "a/b",
          environmentState: {
            objects: [
              { apiVersion: "typed.example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "d" } },
            ],
          },
          tuning: { permuteControllers: ["Reconciler", "GizmoReconciler"] },
        },
      ]),
    );
    const r = await runCli(["scenario", "migrate", scenario, "--surface-map", res.file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /permuteControllers\[0\].*"Reconciler" is now several controllers \(GadgetController, unused\.Reconciler, widget\.Reconciler\)/,
    );
  });
});
