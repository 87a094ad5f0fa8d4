import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers/temp-workspace.ts";
import { handWorkspace } from "../safety/fixtures.ts";

/**
 * How the CLI loads a model: `import … from "ctrlhunt"` resolves to the authoring API (fast to load, the engine's
 * own instances), and a model that imports anything else from "ctrlhunt" — here from a helper file — is loaded
 * again against the full public API instead of failing.
 */
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const SCENARIO = [
  {
    name: "base",
    environmentState: {
      objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } }],
    },
  },
];

/** projects/p: a controller that deletes a missing ConfigMap and tells NotFound apart with isNotFound. */
function workspace(helper: string): string {
  const root = handWorkspace();
  roots.push(root);
  const dir = path.join(root, "projects", "p");
  fs.mkdirSync(path.join(dir, "scenarios"), { recursive: true });
  fs.writeFileSync(path.join(dir, "helper.ts"), helper);
  fs.writeFileSync(
    path.join(dir, "project.ts"),
    `import { defineController, defineProject, isNotFound } from "ctrlhunt";
import { label } from "./helper.ts";
export default defineProject({
  name: "p",
  controllers: [
    defineController({
      id: "CmController",
      for: "core/ConfigMap",
      reconcile(ctx, req) {
        const cm = ctx.get("core/ConfigMap", req);
        if (!cm || cm.data?.seen) return;
        try {
          ctx.delete("core/ConfigMap", { namespace: "default", name: "missing" });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        ctx.update({ ...cm, data: { seen: label() } });
      },
    }),
  ],
});
`,
  );
  fs.writeFileSync(path.join(dir, "scenarios", "base.json"), JSON.stringify(SCENARIO));
  return root;
}

/** Run `ctrlhunt explore` in the workspace; the reference dump's text (where the controller's label lands). */
function explore(root: string) {
  const r = spawnSync(
    process.execPath,
    [BIN, "explore", "p", "--inputs", "projects/p/scenarios/base.json", "--output", "out", "--json"],
    { cwd: root, encoding: "utf8" },
  );
  const dump = path.join(root, "out", "base_reference_0.jsonl");
  return { ...r, dump: fs.existsSync(dump) ? fs.readFileSync(dump, "utf8") : "" };
}

describe('a model\'s `import … from "ctrlhunt"` under the CLI', () => {
  it("gets the authoring API, whose isNotFound recognises the engine's NotFound", () => {
    const r = explore(workspace(`export const label = () => "yes";\n`));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).record.status).toBe("ok");
    expect(r.dump).toContain('"seen": "yes"');
  });

  it("loads a model that imports more than the authoring API (from a helper file) against the full API", () => {
    const helper = `import { parseMasks } from "ctrlhunt";
export const label = () => (typeof parseMasks === "function" ? "full" : "missing");
`;
    const root = workspace(helper);
    const r = explore(root);
    expect(r.stderr).not.toMatch(/does not provide an export|cannot load/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).record.status).toBe("ok");
    expect(r.dump).toContain('"seen": "full"');
  });
});
