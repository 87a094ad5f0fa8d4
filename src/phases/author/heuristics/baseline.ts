import { type Heuristic, fromBase, slugOf } from "../draft.ts";
import { reachFrom } from "../reach.ts";

/** Baseline per user-facing kind: the base environment with no perturbation (convergence/liveness). */
export const baseline: Heuristic = (ctx) => {
  const out: ReturnType<Heuristic> = { drafts: [], skipped: [] };
  for (const k of ctx.map.kinds.filter((x) => x.role === "user-facing")) {
    const base = ctx.seeds.bases.get(k.kind);
    if (ctx.coverage.baselineKinds.has(k.kind)) {
      out.skipped.push({
        dimension: "baseline",
        target: k.kind,
        reason: "an existing unperturbed scenario already seeds it",
      });
      continue;
    }
    if (!base) {
      out.skipped.push({
        dimension: "baseline",
        target: k.kind,
        reason: `no seed object of ${k.kind}: add one to the project's examples or to a scenario`,
      });
      continue;
    }
    const controllers = [...reachFrom(ctx.map, k.kind).controllers].sort();
    out.drafts.push({
      dimension: "baseline",
      slug: `baseline-${slugOf(k.kind)}`,
      scenarios: [
        {
          suffix: "",
          scenario: fromBase(base),
          annotation: {
            dimension: "baseline",
            pattern: "convergence/liveness baseline: the reference every perturbed run is compared against",
            window: "none: one unperturbed run",
            why: `no existing scenario seeds ${k.kind} without perturbations (seeds from ${base.from})`,
            hypothesis: `${k.kind} converges to a single terminal state without errors or cycling (${controllers.join(", ") || "no controller"} reached)`,
            targets: { controllers, kinds: [k.kind] },
          },
        },
      ],
    });
  }
  return out;
};
