import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapProject } from "../../src/phases/map/index.ts";

// toggle-race-go runs one reconciler type three times (kit IDs AlphaController, BetaController, GammaController;
// the builder wiring names each instance the same way). Each instance is its own controller in the map.
const target = fileURLToPath(new URL("../../projects/toggle-race-go/", import.meta.url));

describe("map a Go target that runs one reconciler type under several kit IDs", () => {
  it("keeps one controller per ID, each with the type's trigger and write, and no duplicate-ID errors", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-map-kit-"));
    fs.mkdirSync(path.join(root, "projects"));
    const res = await mapProject({ root, project: "toggle", goDir: target });
    expect(res.map.controllers.map((c) => c.id)).toEqual([
      "AlphaController",
      "BetaController",
      "GammaController",
    ]);
    for (const c of res.map.controllers) {
      expect(c.for).toBe("race.examples/Toggle");
      expect(c.writeOrder).toEqual(["UPDATE race.examples/Toggle/status"]);
      expect(c.aliases ?? []).toEqual([]);
    }
    expect(res.map.issues.filter((i) => i.severity === "error")).toEqual([]);
  }, 240_000);
});
