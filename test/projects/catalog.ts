import path from "node:path";
import { fileURLToPath } from "node:url";

/** The bundled targets: each buggy project, its base scenario, and its clean control (if any). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const projectDir = (name: string) => path.join(ROOT, "projects", name);
export const projectFile = (name: string) => path.join(projectDir(name), "project.ts");
export const scenarioPath = (name: string, file: string) => path.join(projectDir(name), "scenarios", file);

export interface Target {
  project: string;
  scenario: string;
  fixed?: string;
}

export const TARGETS: Target[] = [
  { project: "kro-lite", scenario: "k2b_instance-applyset-children.json", fixed: "kro-lite-fixed" },
  { project: "karpenter-lite", scenario: "d1_nodes-limit-batching.json", fixed: "karpenter-lite-fixed" },
  { project: "crossplane-lite", scenario: "f5_composition-revision-rollout.json" },
  { project: "kratix-lite", scenario: "k5_work-placement-status-race.json", fixed: "kratix-lite-fixed" },
];

export const ALL_PROJECTS = TARGETS.flatMap((t) => (t.fixed ? [t.project, t.fixed] : [t.project]));
