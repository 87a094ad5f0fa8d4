/**
 * bench:power — precision and recall of the offline hunt on small controller systems written for it
 * (bench/power/systems/*: one planted bug each, its fixed twin, crash-safe and benign controls). See README.md.
 * Run: npm run bench:power [-- --json] [-- --only <name>[,<name>…]] [-- --keep]
 */
import { parseArgs } from "node:util";
import { type Figures, figures, recalled, type SystemResult } from "./score.ts";
import { EPOCH, runSystem, systemNames } from "./system.ts";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    keep: { type: "boolean", default: false },
  },
});

process.env.SOURCE_DATE_EPOCH = EPOCH;
const all = systemNames();
const only = (values.only ?? []).flatMap((o) => o.split(",")).filter(Boolean);
const unknown = only.filter((o) => !all.includes(o));
if (unknown.length > 0) {
  process.stderr.write(`bench:power: no system ${unknown.join(", ")}; systems: ${all.join(", ")}\n`);
  process.exit(2);
}
const names = only.length > 0 ? only : all;

const results: SystemResult[] = [];
for (const [i, name] of names.entries()) {
  process.stderr.write(`[${i + 1}/${names.length}] ${name} …\n`);
  const r = await runSystem(name, {
    keep: values.keep,
    onStep: (m) => process.stderr.write(`    ${m.slice(0, 140)}\n`),
  });
  process.stderr.write(
    `    ${r.error ? `ERROR ${r.error}` : `${r.confirmed.length} confirmed, ${r.huntStates} states`} (${(r.ms / 1000).toFixed(1)} s)\n`,
  );
  results.push(r);
}

const kindOf = (r: SystemResult) =>
  r.expect.planted ? "planted" : r.expect.benign ? "benign" : r.expect.twinOf ? "twin" : "clean";
const verdict = (r: SystemResult) => {
  if (r.error) return "ERROR";
  if (r.expect.planted) return recalled(r) ? "recalled" : "MISSED";
  return r.confirmed.length === 0 ? "clean" : "FALSE POSITIVE";
};
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function table(rs: readonly SystemResult[], f: Figures): string {
  const head = ["system", "kind", "confirmed", "matched", "verdict", "states→1st", "hunt states", "time"];
  const rows = rs.map((r) => [
    r.name,
    kindOf(r),
    String(r.confirmed.length),
    r.expect.planted ? String(r.confirmed.filter((c) => c.matched).length) : "—",
    verdict(r),
    r.statesToMatch !== undefined ? String(r.statesToMatch) : "—",
    String(r.huntStates),
    `${(r.ms / 1000).toFixed(1)} s`,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i] as number)).join(" | ")} |`;
  const findings = rs.flatMap((r) =>
    r.confirmed.map((c) => `  ${r.name} ${c.id}${c.matched ? " (planted symptom)" : ""}: ${c.title}`),
  );
  return [
    line(head),
    line(width.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `recall ${pct(f.recall)} · precision ${pct(f.precision)} · twins clean ${f.twinsClean}/${f.twins} · ` +
      `max states to first confirmation ${f.maxStates} · max whole-hunt states ${f.maxHuntStates}`,
    ...rs.filter((r) => r.error).map((r) => `  ${r.name} ERROR: ${r.error}`),
    ...(findings.length ? ["confirmed findings:", ...findings] : []),
  ].join("\n");
}

const f = figures(results);
process.stdout.write(`${table(results, f)}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(f)}\n`);
process.exit(results.some((r) => r.error) ? 1 : 0);
