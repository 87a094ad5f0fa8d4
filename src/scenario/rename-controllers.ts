import fs from "node:fs";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { parseJsonText } from "../formats/json-text.ts";
import { SurfaceMap } from "../formats/surface-map.ts";
import { jsonPath } from "../formats/workflow-issues.ts";
import type { Scenario, WorkflowFile } from "../formats/workflow.ts";

/**
 * Controller IDs that changed (a surface map's `aliases`: a bare type name that is now package-qualified, or a
 * kit-given name) → the IDs that replaced them. An old ID shared by several controllers maps to all of them and
 * cannot be rewritten automatically.
 */
export type ControllerRenames = Map<string, string[]>;

export function renamesFromSurfaceMap(map: SurfaceMap): ControllerRenames {
  const current = new Set(map.controllers.map((c) => c.id));
  const out: ControllerRenames = new Map();
  for (const c of map.controllers)
    for (const alias of c.aliases ?? [])
      if (!current.has(alias)) out.set(alias, [...(out.get(alias) ?? []), c.id].sort());
  return out;
}

export function readRenames(file: string): ControllerRenames {
  if (!fs.existsSync(file))
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${file}: no such surface map (run \`ctrlhunt map\` first)`);
  const parsed = SurfaceMap.safeParse(parseJsonText(fs.readFileSync(file, "utf8"), file));
  if (!parsed.success)
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${file}: not a surface map`, {
      issues: parsed.error.issues.map((i) => ({ file, path: i.path.join("."), message: i.message })),
    });
  return renamesFromSurfaceMap(parsed.data);
}

interface RenameOutcome {
  changes: Issue[];
  errors: Issue[];
}

/** Rewrite old controller IDs in every tuning field that names a reconciler (pure). */
export function renameControllers(
  w: WorkflowFile,
  renames: ControllerRenames,
): RenameOutcome & { workflow: WorkflowFile } {
  const out: RenameOutcome = { changes: [], errors: [] };
  const workflow = w.map((s, i) => renameInScenario(s, i, renames, out));
  return { workflow, ...out };
}

function renameInScenario(s: Scenario, i: number, renames: ControllerRenames, out: RenameOutcome): Scenario {
  const t = s.tuning;
  if (!t || renames.size === 0) return s;
  const rename = (id: string, where: (string | number)[]): string => {
    const to = renames.get(id);
    if (!to) return id;
    if (to.length > 1) {
      out.errors.push({
        path: jsonPath(where),
        message: `controller "${id}" is now several controllers (${to.join(", ")}); pick one by hand`,
        severity: "error",
      });
      return id;
    }
    out.changes.push({ path: jsonPath(where), message: `controller "${id}" renamed to "${to[0]}"` });
    return to[0];
  };
  const tuning = { ...t };
  if (t.permuteControllers)
    tuning.permuteControllers = t.permuteControllers.map((id, j) =>
      rename(id, [i, "tuning", "permuteControllers", j]),
    );
  if (t.stalenessIntervals)
    tuning.stalenessIntervals = t.stalenessIntervals.map((x, j) => ({
      ...x,
      reconciler: rename(x.reconciler, [i, "tuning", "stalenessIntervals", j, "reconciler"]),
    }));
  if (t.faultInjection)
    tuning.faultInjection = t.faultInjection.map((x, j) => ({
      ...x,
      reconciler: rename(x.reconciler, [i, "tuning", "faultInjection", j, "reconciler"]),
    }));
  if (t.staleReads)
    tuning.staleReads = Object.fromEntries(
      Object.entries(t.staleReads).map(([id, kinds]) => [rename(id, [i, "tuning", "staleReads", id]), kinds]),
    );
  return { ...s, tuning };
}
