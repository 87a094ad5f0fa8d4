import type { DiffResult } from "../diff.ts";

/** Text of `analyze diff`, shaped like kamera's `analyze report` (diff, then last writes per object). */

const short = (h: string | null) => (h === null ? "(missing)" : h.slice(0, 7));
const value = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));

export function formatDiff(r: DiffResult, opts: { maxPaths?: number } = {}): string {
  const maxPaths = opts.maxPaths ?? 5;
  const lines = [
    `${r.targets.length} terminal state(s) with ${r.differing.length} differing object(s), ${r.identical} identical` +
      (r.masks.length ? ` (masks: ${r.masks.join(", ")})` : ""),
  ];
  for (const t of r.targets)
    lines.push(
      `  ${t.label}: ${t.dump} ${t.stateId} (hash ${t.hash}, ${t.groupSize} state(s) with this hash)`,
    );
  for (const s of r.unmatched) lines.push(`  ${s}: no terminal state matches`);
  if (r.targets.length < 2)
    lines.push("", "No differing objects - fewer than two terminal states to compare");
  else if (r.differing.length === 0) lines.push("", "No differing objects - states are identical");
  for (const d of r.differing) {
    lines.push("", `  ${d.object}:`);
    for (const v of d.versions) lines.push(`    ${v.target}: ${short(v.hash)}`);
    for (const f of d.fields) {
      if ("unavailable" in f) {
        lines.push(`    ${f.target} vs ${f.against}: ${f.unavailable}`);
        continue;
      }
      lines.push(`    ${f.target} vs ${f.against}:`);
      for (const c of f.changes)
        lines.push(
          `      ${c.type === "CHANGE" ? "~" : c.type === "CREATE" ? "+" : "-"} ${c.path}${c.type === "CHANGE" ? `: ${value(c.from)} → ${value(c.to)}` : c.type === "CREATE" ? `: ${value(c.to)}` : ""}`,
        );
    }
    lines.push("    last writes:");
    const byTarget = new Map<string, typeof d.lastWrites>();
    for (const w of d.lastWrites) byTarget.set(w.target, [...(byTarget.get(w.target) ?? []), w]);
    for (const [target, writes] of byTarget) {
      for (const w of writes.slice(0, maxPaths)) {
        const what =
          w.kind === "write"
            ? `step ${w.stepIndex} by ${w.controllerId}`
            : w.kind === "removed"
              ? `removed at step ${w.stepIndex} by ${w.controllerId}`
              : w.kind === "seeded"
                ? "seeded (not written on this path)"
                : "never present on this path";
        lines.push(`      ${target} path ${w.pathIndex}: ${what}`);
      }
      if (writes.length > maxPaths)
        lines.push(`      ${target}: … ${writes.length - maxPaths} more path(s) (--json for all)`);
    }
  }
  return `${lines.join("\n")}\n`;
}
