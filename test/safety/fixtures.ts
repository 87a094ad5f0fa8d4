import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Workspaces made by hand, as the README describes (no package.json, no `ctrlhunt init`), each holding one small
 * project written to reproduce a row of issue #12's table.
 */
export function handWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-hand-"));
  for (const d of ["projects", "hypotheses", "evidence"]) fs.mkdirSync(path.join(root, d));
  return root;
}

const CONFIGMAP = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } };

/** Add projects/<name>/project.ts with one ConfigMap controller whose reconcile body is `body`. */
export function addProject(
  root: string,
  name: string,
  body: string,
  scenario: object = { name: "base", environmentState: { objects: [CONFIGMAP] } },
): string {
  const dir = path.join(root, "projects", name);
  fs.mkdirSync(path.join(dir, "scenarios"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "project.ts"),
    `import { defineController, defineProject } from "ctrlhunt";
export default defineProject({
  name: ${JSON.stringify(name)},
  controllers: [
    defineController({
      id: "CmController",
      for: "core/ConfigMap",
      reconcile(ctx, req) {
        const cm = ctx.get("core/ConfigMap", req);
        if (!cm) return {};
        ${body}
        return {};
      },
    }),
  ],
});
`,
  );
  fs.writeFileSync(path.join(dir, "scenarios", "base.json"), `${JSON.stringify([scenario], null, 2)}\n`);
  return dir;
}

/** A reconcile that never returns. */
export const ENDLESS = "while (true) {}";

/** A controller that adds a finalizer, then throws a TypeError on every deletion (the object stays terminating). */
export const THROWS_ON_DELETE = `if (cm.metadata.deletionTimestamp) {
          const missing: { cleanup(): void } | undefined = undefined;
          (missing as unknown as { cleanup(): void }).cleanup();
        }
        if (!cm.metadata.finalizers?.length)
          ctx.update({ ...cm, metadata: { ...cm.metadata, finalizers: ["example.com/cleanup"] } });`;

export const DELETE_SCENARIO = {
  name: "delete",
  environmentState: { objects: [CONFIGMAP] },
  externalInputs: [{ opType: "DELETE", object: CONFIGMAP }],
};

/**
 * kro-lite with four Applications and every controller's order permuted: an exploration of hundreds of thousands
 * of states (minutes), the long hunt of row 1.
 */
export function bigKroScenario(repo: string): object {
  const file = path.join(repo, "projects/kro-lite/scenarios/k2b_instance-applyset-children.json");
  const [s] = JSON.parse(fs.readFileSync(file, "utf8"));
  type App = { kind: string; metadata: { name: string }; spec: { name: string; ingress: { host: string } } };
  const objects = s.environmentState.objects as App[];
  const app = objects.find((o) => o.kind === "Application") as App;
  for (let i = 2; i <= 4; i++) {
    const copy = structuredClone(app);
    copy.metadata.name = `app${i}`;
    copy.spec.name = `app${i}`;
    copy.spec.ingress.host = `app${i}.example.com`;
    objects.push(copy);
  }
  return {
    name: "big/four-apps",
    environmentState: s.environmentState,
    tuning: {
      maxDepth: 200,
      permuteControllers: [
        "DeploymentController",
        "ResourceGraphDefinitionController",
        "ApplicationController",
      ],
    },
  };
}
