import fs from "node:fs";
import path from "node:path";
import { discoverProject, relativeToWorkspace } from "../../workspace/index.ts";
import { readSurfaceMap } from "../map/run-map.ts";

/** What a playbook body can refer to: `p` (project name or a placeholder) and `project` (when one is given). */
export interface PlaybookContext {
  p: string;
  project?: {
    name: string;
    kind: "embedded" | "kamera";
    scenarios: string[];
    scenarioCount: number;
    surfaceMap?: {
      controllerCount: number;
      controllers: string[];
      userFacing: string;
      multiWrites: Array<{ controller: string; writes: number; crashWindows: number }>;
      sharedState: Array<{ name: string; controllers: string }>;
      windows: Array<{ id: string; text: string }>;
    };
  };
}

/** Generic context (skills export): placeholders instead of a project. */
export const GENERIC_CONTEXT: PlaybookContext = { p: "<project>" };

/** Context for one workspace project: its kind, scenarios and (when mapped) surface map facts. */
export function projectContext(root: string, name: string): PlaybookContext {
  const found = discoverProject(root, name);
  const map = readSurfaceMap(root, name);
  const scenarios = found.scenarios.map((f) => relativeToWorkspace(root, f));
  return {
    p: name,
    project: {
      name,
      kind: found.kind,
      scenarios,
      scenarioCount: scenarios.length,
      ...(map
        ? {
            surfaceMap: {
              controllerCount: map.controllers.length,
              controllers: map.controllers.map((c) => c.id),
              userFacing:
                map.kinds
                  .filter((k) => k.role === "user-facing")
                  .map((k) => k.kind)
                  .join(", ") || "none",
              multiWrites: map.multiWrites.map(({ controller, writes, crashWindows }) => ({
                controller,
                writes,
                crashWindows,
              })),
              sharedState: map.sharedState.map((s) => ({
                name: s.name,
                controllers: s.controllers.join(", "),
              })),
              windows: map.vulnerabilityWindows.map((w) => ({
                id: w.id,
                text: `${w.reader} assumes ${w.assumption}; broken when ${w.violation}`,
              })),
            },
          }
        : {}),
    },
  };
}

/** True when `dir` holds a workspace's own playbooks (they override the shipped ones). */
export function workspacePlaybookDir(root: string): string | undefined {
  const dir = path.join(root, "playbooks");
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith(".md")) ? dir : undefined;
}
