import { CtrlhuntError, type Issue } from "../../../errors/index.ts";
import { actionsOf, type Scenario } from "../../../formats/workflow.ts";
import type { KubeObj } from "../api.ts";
import { keyStrOf, kindOfObject } from "../state/index.ts";
import { ALL_OPTIMIZATIONS, type ExploreConfig, type Optimizations, type UserAction } from "./types.ts";

export interface ResolveOptions {
  maxDepth?: number;
  trials?: number;
  seed?: number;
  optimizations?: Partial<Optimizations>;
  inputRef?: string;
  runIndex?: number;
  /** Scenario file, for issue messages. */
  file?: string;
}

/** kamera's DefaultMaxDepth. */
export const DEFAULT_MAX_DEPTH = 10;

function keyOf(o: KubeObj): string {
  return keyStrOf(kindOfObject(o), o.metadata?.namespace ?? "", o.metadata?.name ?? "");
}

/** Scenario as written → what the search receives. Names the file and JSON path of every problem. */
export function resolveConfig(
  s: Scenario,
  controllerIds: ReadonlySet<string>,
  opts: ResolveOptions = {},
): ExploreConfig {
  const t = s.tuning ?? {};
  const issues: Issue[] = [];
  const where = (path: string) => `[${opts.runIndex ?? 0}].${path}`;
  const checkId = (id: string, path: string): void => {
    if (!controllerIds.has(id))
      issues.push({
        file: opts.file,
        path: where(path),
        message: `unknown controller "${id}" (project has: ${[...controllerIds].sort().join(", ")})`,
      });
  };
  for (const [i, id] of (t.permuteControllers ?? []).entries())
    checkId(id, `tuning.permuteControllers[${i}]`);
  for (const [i, iv] of (t.stalenessIntervals ?? []).entries()) {
    checkId(iv.reconciler, `tuning.stalenessIntervals[${i}].reconciler`);
  }
  for (const [i, f] of (t.faultInjection ?? []).entries())
    checkId(f.reconciler, `tuning.faultInjection[${i}].reconciler`);
  const readyDepths = new Map<number, number>();
  for (const [k, v] of Object.entries(t.userActionReadyDepths ?? {})) {
    if (!/^\d+$/.test(k))
      issues.push({
        file: opts.file,
        path: where(`tuning.userActionReadyDepths.${k}`),
        message: "key must be an action index (decimal)",
      });
    else readyDepths.set(Number(k), v);
  }
  if (issues.length) throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", issues[0].message, { issues });

  const seedObjects = (s.environmentState?.objects ?? []) as KubeObj[];
  const seeded = new Set(seedObjects.map(keyOf));
  const actions: UserAction[] = actionsOf(s).map((a, index) => {
    // A CREATE of an object the seed state already holds becomes an UPDATE (UserActionsFromInput).
    const converted = a.opType === "CREATE" && seeded.has(keyOf(a.object as KubeObj));
    return {
      index,
      id: a.id && a.id.trim() !== "" ? a.id : `user-input-${index}`,
      opType: converted ? "UPDATE" : a.opType,
      object: a.object as KubeObj,
      ...(converted ? { fromCreate: true } : {}),
    };
  });

  const mc = t.search?.monteCarlo ?? undefined;
  const mcSet = mc != null && Object.values(mc).some((v) => v !== undefined && v !== null);
  const monteCarlo =
    opts.trials !== undefined || mcSet || t.search?.mode?.trim().toLowerCase() === "monte_carlo";
  const staleReads = new Map<string, Map<string, number>>();
  if ((t.stalenessIntervals ?? []).length === 0) {
    for (const [rid, kinds] of Object.entries(t.staleReads ?? {})) {
      if (!kinds || kinds.length === 0) continue;
      checkId(rid, `tuning.staleReads.${rid}`);
      const look = t.staleLookback ?? {};
      staleReads.set(rid, new Map(kinds.map((k) => [k, (look[k] ?? 1) > 0 ? (look[k] ?? 1) : 1])));
    }
    if (issues.length) throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", issues[0].message, { issues });
  }
  return {
    scenarioName: s.name,
    seedObjects,
    actions,
    maxDepth: opts.maxDepth ?? ((t.maxDepth ?? 0) > 0 ? (t.maxDepth as number) : DEFAULT_MAX_DEPTH),
    permute: new Set(t.permuteControllers ?? []),
    permuteDepthRange: t.permuteDepthRange ?? undefined,
    permuteAfterEvent: t.permuteAfterEvent ?? undefined,
    fifoPerController: t.fifoPerController === true,
    readyDepths,
    intervals: t.stalenessIntervals ?? [],
    faults: t.faultInjection ?? [],
    staleReads,
    search: {
      mode: monteCarlo ? "monte_carlo" : "dfs",
      seed: opts.seed ?? mc?.seed ?? 0,
      trials: opts.trials ?? mc?.trials ?? 1,
      group: mc?.scenarioGroup ?? opts.inputRef ?? `${s.name}#${opts.runIndex ?? 0}`,
    },
    optimizations: {
      ...ALL_OPTIMIZATIONS,
      ownNoOpOrderingSkip: t.skipOwnNoOpOrderings === true,
      ...opts.optimizations,
    },
  };
}

/** kamera's disablePerturbations, extended: the reference run has no permutation, staleness, faults or ready depths. */
export function withoutPerturbations(c: ExploreConfig): ExploreConfig {
  return {
    ...c,
    permute: new Set(),
    permuteDepthRange: undefined,
    permuteAfterEvent: undefined,
    readyDepths: new Map(),
    intervals: [],
    faults: [],
    staleReads: new Map(),
  };
}
