import type { KindSeqResult } from "../kindseq.ts";

/** Text of `analyze kindseq`: per kind its advances, then the proposed tuning values. */

export function formatKindSeq(results: ReadonlyArray<KindSeqResult>): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`== ${r.dump} ${r.stateId} path ${r.pathIndex} (${r.steps.length} steps) ==`);
    lines.push(`controllers on path: ${r.pathControllers.join(", ")}`);
    for (const k of r.kinds) {
      const band = k.depthBand ? `depths ${k.depthBand.min}–${k.depthBand.max}` : "not written";
      lines.push(`  ${k.kind}: initial ${k.initial}, final ${k.final}, ${band}`);
      for (const a of k.advances)
        lines.push(
          `    step ${a.step} ${a.controllerId}: ${a.before} → ${a.after} (${a.ops.join(", ") || "?"})`,
        );
    }
    const s = r.suggestions;
    lines.push("  suggestions:");
    for (const w of s.stalenessIntervals) {
      const others = w.reconcilers.slice(1);
      const queued = w.queuedBefore.includes(w.reconcilers[0])
        ? "already queued before it"
        : "enqueued only by it: needs another trigger while stale";
      lines.push(
        `    stalenessIntervals: {"reconciler": "${w.reconcilers[0]}", "kind": "${w.kind}", "staleAt": ${w.staleAt}, "catchUpAt": ${w.catchUpAt}, "lag": -1}` +
          `  hides step ${w.hides.step} (${w.hides.controllerId}); reader ${queued}${others.length ? `; other readers: ${others.join(", ")}` : ""}`,
      );
    }
    for (const e of s.permuteAfterEvent)
      lines.push(
        `    permuteAfterEvent: {"opType": "CREATE", "kind": "${e.kind}"}  first at step ${e.step} (${e.controllerId})`,
      );
    for (const d of s.permuteDepthRange)
      lines.push(`    permuteDepthRange: {"min": ${d.min}, "max": ${d.max}}  (${d.kind} writes)`);
    for (const u of s.userActionReadyDepths)
      lines.push(
        `    userActionReadyDepths: {"${u.actionIndex}": ${u.depth}}  before step ${u.beforeStep} (${u.controllerId}: ${u.event}); reference fired at step ${u.firedAtStep}`,
      );
    if (!s.stalenessIntervals.length && !s.permuteAfterEvent.length && !s.userActionReadyDepths.length)
      lines.push("    (none: the path has no kind advances with readers, CREATE events or user actions)");
  }
  return `${lines.join("\n")}\n`;
}
