import { familyLabel } from "../projection.ts";
import type { StatesResult } from "../states.ts";

/** Text of `analyze states`: the histogram, biggest group first, each with a representative citation. */

export function formatStates(r: StatesResult): string {
  const by =
    r.groupedBy === "family"
      ? "outcome family"
      : r.groupedBy === "masked-hash"
        ? "masked contents hash"
        : "contents hash";
  const lines = [
    `${r.states} terminal state(s) over ${r.paths} path(s) in ${r.dumps} dump(s): ${r.groups.length} group(s) by ${by}` +
      (r.masks.length ? ` (masks: ${r.masks.join(", ")})` : ""),
  ];
  const width = String(r.groups[0]?.count ?? 0).length;
  for (const g of r.groups) {
    const outcomes = Object.entries(g.outcomes)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    const label = g.family ? familyLabel(g.family) : (g.hash ?? g.key);
    lines.push(
      `  ${String(g.count).padStart(width)}  ${g.percent.toFixed(1).padStart(5)}%  ${label}  [${outcomes}]`,
    );
    const hashes = Object.keys(g.hashes);
    if (g.family || hashes.length > 1)
      lines.push(`${" ".repeat(width + 12)}hashes: ${hashes.map((h) => `${h}×${g.hashes[h]}`).join(", ")}`);
    const phases = Object.entries(g.phases);
    if (phases.length > 1 || (phases.length === 1 && phases[0][0] !== ""))
      lines.push(`${" ".repeat(width + 12)}phases: ${phases.map(([p, n]) => `${p || "-"} ${n}`).join(", ")}`);
    const c = g.representative;
    lines.push(
      `${" ".repeat(width + 12)}e.g. ${c.dump} ${c.stateId} path ${c.pathIndex} step ${c.stepIndex}` +
        (c.controllerId ? ` (${c.controllerId})` : ""),
    );
  }
  if (r.unresolvedObjects > 0)
    lines.push(
      `note: ${r.unresolvedObjects} terminal object version(s) not in their dump's objects table (not masked/projected)`,
    );
  return `${lines.join("\n")}\n`;
}
