import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { SurfaceMap } from "../../src/formats/surface-map.ts";
import { type MapResult, mapProject } from "../../src/phases/map/index.ts";
import { runCli } from "../helpers/run-cli.ts";

const fixture = fileURLToPath(new URL("../fixtures/go-project/", import.meta.url));

function tempWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-map-"));
  fs.mkdirSync(path.join(root, "projects"));
  return root;
}

describe("map a Go controller-runtime project", () => {
  let res: MapResult;
  let root: string;
  beforeAll(async () => {
    root = tempWorkspace();
    res = await mapProject({ root, project: "shop", goDir: fixture });
  }, 240_000);

  const ctrl = (id: string) => {
    const c = res.map.controllers.find((x) => x.id === id);
    if (!c) throw new Error(`no controller ${id}`);
    return c;
  };

  it("finds every builder-wired controller with its triggers", () => {
    expect(res.map.controllers.map((c) => c.id)).toEqual([
      "audit",
      "InventoryReconciler",
      "OrderReconciler",
      "promotions",
      "store",
    ]);
    expect(ctrl("store").for).toBe("shop.example.com/Store");
    expect(ctrl("store").owns).toEqual(["apps/Deployment", "core/Service"]);
    expect(ctrl("OrderReconciler").watches).toEqual([
      { kind: "shop.example.com/Inventory", mapper: "ordersForInventory" },
    ]);
    expect(ctrl("InventoryReconciler").watches[0].kind).toBe("core/ConfigMap");
    expect(ctrl("InventoryReconciler").watches[0].mapper).toMatch(
      /^inline func \(internal\/controller\/inventory_controller\.go:\d+\)$/,
    );
  });

  it("counts the writes of the multi-write reconcile through helpers, in order", () => {
    expect(ctrl("store").writeOrder).toEqual([
      "UPDATE shop.example.com/Store/metadata",
      "CREATE apps/Deployment",
      "CREATE core/Service",
      "UPDATE shop.example.com/Store/status",
    ]);
    expect(ctrl("store").writes.find((w) => w.kind === "apps/Deployment")?.via).toBe("ensureDeployment");
    expect(res.map.multiWrites.find((m) => m.controller === "store")).toMatchObject({
      writes: 4,
      crashWindows: 3,
    });
    // The early return makes the two Order status updates exclusive: 2 writes on the longest path, not 3.
    expect(ctrl("OrderReconciler").writesPerReconcile).toBe(2);
  });

  it("keeps status writes apart from spec writes and flags unconditional ones", () => {
    const inv = ctrl("InventoryReconciler").writes;
    expect(inv).toEqual([
      expect.objectContaining({
        kind: "shop.example.com/Inventory",
        op: "UPDATE",
        surface: "status",
        conditional: false,
      }),
    ]);
    expect(ctrl("OrderReconciler").writes).toContainEqual(
      expect.objectContaining({
        kind: "shop.example.com/Inventory",
        op: "PATCH",
        surface: "status",
        via: "reserve",
      }),
    );
    expect(ctrl("audit").writes[0]).toMatchObject({ op: "UPDATE", surface: "spec" });
  });

  it("reads create-or-update, server-side apply on unstructured objects, owner handlers and loop registration", () => {
    const promo = ctrl("promotions");
    expect(promo.owns).toEqual(["core/ConfigMap"]);
    expect(promo.watches).toEqual([]);
    expect(promo.writeOrder).toEqual(["APPLY core/ConfigMap/spec", "APPLY dns.example.net/Record/spec"]);
    expect(promo.writes.find((w) => w.kind === "dns.example.net/Record")?.conditional).toBe(true);
    expect(promo.registered).toBe(true);
    expect(res.map.kinds.find((k) => k.kind === "dns.example.net/Record")).toEqual({
      kind: "dns.example.net/Record",
      role: "supporting",
      gvk: "dns.example.net/v1/Record",
    });
  });

  it("reports reads without a watch as vulnerability windows", () => {
    const w = res.map.vulnerabilityWindows.find(
      (x) => x.reader === "OrderReconciler" && x.kind === "shop.example.com/Store",
    );
    expect(w).toMatchObject({ why: "no watch", writers: ["store"] });
    expect(w?.location).toMatch(/order_controller\.go:\d+$/);
  });

  it("finds package-level state and injected pointers shared by several controllers", () => {
    expect(res.map.sharedState).toContainEqual(
      expect.objectContaining({
        name: "internal/controller.reservations",
        origin: "package-var",
        controllers: ["InventoryReconciler", "OrderReconciler"],
      }),
    );
    expect(res.map.sharedState).toContainEqual(
      expect.objectContaining({
        origin: "injected",
        controllers: ["InventoryReconciler", "OrderReconciler", "store"],
      }),
    );
    expect(ctrl("audit").sharedState).toEqual([]);
  });

  it("assigns roles and passes the dependency-graph contract, warning about the unregistered controller", () => {
    const role = (k: string) => res.map.kinds.find((x) => x.kind === k)?.role;
    expect(role("shop.example.com/Store")).toBe("user-facing");
    expect(role("apps/Deployment")).toBe("builtin");
    expect(res.map.kinds.find((k) => k.kind === "apps/Deployment")?.gvk).toBe("apps/v1/Deployment");
    expect(res.errors).toEqual([]);
    expect(res.map.issues).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(/audit .*never registered/),
      }),
    );
    expect(ctrl("store").registered).toBe(true);
    expect(ctrl("OrderReconciler").registered).toBe(true);
  });

  it("writes a valid surface-map.json with data flows", () => {
    const onDisk = SurfaceMap.parse(JSON.parse(fs.readFileSync(res.file, "utf8")));
    expect(onDisk.controllers).toHaveLength(5);
    expect(onDisk.dataFlows.map((f) => f.text)).toContain(
      "shop.example.com/Order → OrderReconciler ⇒ shop.example.com/Inventory → InventoryReconciler ⇒ shop.example.com/Inventory",
    );
  });

  it("prints a summary through the CLI and exits 0", async () => {
    const r = await runCli(["map", "shop", "--go", fixture, "--workspace", root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("store: 4 writes → 3 crash window(s)");
    expect(r.stdout).toContain("OrderReconciler reads shop.example.com/Store (no watch)");
    expect(r.stderr).toMatch(
      /projects\/shop\/surface-map\.json:controllers\[0\]\.registered: warning: controller audit/,
    );
  });

  it("falls back to the syntactic pass when dependencies cannot be loaded, naming what was missing", () => {
    // The fixture's go.mod requires controller-runtime but ships no go.sum: type-checking is impossible offline.
    expect(res.map.issues).toContainEqual(
      expect.objectContaining({
        path: "go.mod",
        severity: "warning",
        message: expect.stringMatching(
          /type information unavailable \(.*missing go\.sum entry.*\); mapped with the syntactic pass/s,
        ),
      }),
    );
  });

  it("rejects a folder that is not a Go module with one line", async () => {
    const r = await runCli(["map", "shop", "--go", root, "--workspace", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/go\.mod: not a Go module/);
  });
});
