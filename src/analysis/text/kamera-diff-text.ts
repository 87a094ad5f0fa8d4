import type { DiffResult } from "../diff.ts";

/**
 * `analyze diff --format kamera`: the text of `kamera analyze diff <dump>` (formats §3.2) — all states compared,
 * objects named `<resourceKind>/<namespace>/<name>`, 7-character hashes. Expects an eachState diff.
 */
export function formatKameraDiff(r: DiffResult): string {
  const stateOf = (label: string) => label.slice(label.lastIndexOf("@") + 1);
  const lines = [
    `${r.targets.length} converged states with ${r.differing.length} differing object(s), ${r.identical} identical`,
  ];
  for (const d of r.differing) {
    const [, kind, ns, name] = /^[^/]*\/([^/]*)\/([^/]*)\/(.*)$/.exec(d.object) ?? [];
    lines.push("", `  ${kind}/${ns}/${name}:`);
    for (const v of d.versions)
      lines.push(`    State ${stateOf(v.target)}: ${v.hash === null ? "(missing)" : v.hash.slice(0, 7)}`);
  }
  return `${lines.join("\n")}\n`;
}
