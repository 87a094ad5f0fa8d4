import { type Heuristic, fromBase, slugOf } from "../draft.ts";
import { baseFor } from "../reach.ts";

/** Fault injection for multi-write reconciles: one scenario per crash window (after write k of N, k < N). */
export const faultInjection: Heuristic = (ctx) => {
  const out: ReturnType<Heuristic> = { drafts: [], skipped: [] };
  for (const m of ctx.map.multiWrites) {
    if (ctx.coverage.crashTargets.has(m.controller)) {
      out.skipped.push({
        dimension: "fault-injection",
        target: m.controller,
        reason: "an existing scenario already crashes it",
      });
      continue;
    }
    const found = baseFor(ctx.map, ctx.seeds, [m.controller]);
    const entry = found?.kind;
    const base = found?.base;
    if (!entry || !base) {
      out.skipped.push({
        dimension: "fault-injection",
        target: m.controller,
        reason: "no seeded user-facing kind triggers it",
      });
      continue;
    }
    const label = (k: number) => m.order[k - 1] ?? `write ${k}`;
    out.drafts.push({
      dimension: "fault-injection",
      slug: `crash-${slugOf(m.controller)}-mid-reconcile`,
      scenarios: Array.from({ length: m.crashWindows }, (_, i) => {
        const k = i + 1;
        return {
          suffix: `-after-${k}`,
          scenario: fromBase(base, {
            // A crash restarts the manager; only the embedded engine can model that restart (kamera cannot).
            faultInjection: [
              {
                reconciler: m.controller,
                crashAfterEffect: k,
                triggerOnce: true,
                ...(ctx.map.source === "embedded" ? { restartManager: "quiescence" as const } : {}),
              },
            ],
          }),
          annotation: {
            dimension: "fault-injection" as const,
            pattern: `multi-write reconcile interrupted: ${m.controller} issues ${m.writes} writes (${m.order.join(" → ") || "order unknown"})`,
            window: `crash after write ${k} of ${m.writes} (${label(k)} applied, ${label(k + 1)} not)`,
            why: `no existing scenario crashes ${m.controller} (seeded from ${base.from} via ${entry})`,
            hypothesis: `after the restart ${m.controller} completes the remaining writes; a terminal state missing ${label(k + 1)} or diverging from the reference is a bug`,
            targets: {
              controllers: [m.controller],
              kinds: [...new Set(m.order.map((o) => o.split(" ")[1].split("/").slice(0, 2).join("/")))],
            },
          },
        };
      }),
    });
  }
  return out;
};
