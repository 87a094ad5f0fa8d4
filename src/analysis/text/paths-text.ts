import type { PathsResult } from "../paths.ts";

/** Text of `analyze paths`: the Phase G block per path, its write steps, errors and staleness, then families. */

export function formatPaths(r: PathsResult): string {
  const lines: string[] = [`${r.totalPaths} path(s)${r.shown < r.totalPaths ? `, showing ${r.shown}` : ""}`];
  for (const p of r.paths) {
    lines.push("", `== ${p.dump} ${p.stateId} path ${p.pathIndex} ==`, p.evidence);
    for (const s of p.steps) {
      const parts: string[] = [];
      if (s.userAction)
        parts.push(`user action ${s.userAction.index} ${s.userAction.type} (${s.userAction.id})`);
      if (s.writes.length)
        parts.push(
          s.writes.map((w) => `${w.op}${w.subresource ? `/${w.subresource}` : ""} ${w.object}`).join(", "),
        );
      if (s.error) parts.push(`error: ${s.error}`);
      if (s.stale)
        parts.push(`stale: ${s.stale.map((x) => `${x.Key} rv ${x.ObservedRV}<${x.CurrentRV}`).join(", ")}`);
      if (parts.length) lines.push(`  ${s.index} ${s.controllerId}: ${parts.join("; ")}`);
    }
  }
  for (const by of ["first", "after-user-action"] as const) {
    const fams = r.families.filter((f) => f.by === by);
    if (fams.length === 0) continue;
    lines.push("", by === "first" ? "who ran first:" : "who ran first after the user action:");
    for (const f of fams) {
      const outcomes = Object.entries(f.outcomes)
        .map(([h, n]) => `${h}×${n}`)
        .join(", ");
      lines.push(`  ${f.controller}: ${f.paths} path(s) → ${outcomes}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
