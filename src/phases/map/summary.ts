import type { SurfaceMap } from "../../formats/surface-map.ts";

/** A one-screen text summary of a surface map (what `ctrlhunt map` prints). Pure. */
export function formatSurfaceSummary(map: SurfaceMap, file: string): string {
  const lines: string[] = [`surface map of ${map.project} (${map.source}) → ${file}`, ""];
  lines.push("controllers:");
  for (const c of map.controllers) {
    const triggers = [
      c.for ? `for ${c.for}` : "NO PRIMARY TRIGGER",
      ...c.owns.map((k) => `owns ${k}`),
      ...c.watches.map((w) => `watches ${w.kind}${w.mapper ? ` via ${w.mapper}` : ""}`),
    ];
    lines.push(`  ${c.id}${c.registered ? "" : " (NOT REGISTERED)"}: ${triggers.join("; ")}`);
    lines.push(
      `    writes/reconcile ${c.writesPerReconcile}${c.writeOrder.length ? `: ${c.writeOrder.join(" → ")}` : ""}`,
    );
  }
  const kinds = (role: string) => map.kinds.filter((k) => k.role === role).map((k) => k.kind);
  lines.push("", `kinds: user-facing ${kinds("user-facing").join(", ") || "none"}`);
  lines.push(
    `       supporting ${kinds("supporting").join(", ") || "none"}; builtin ${kinds("builtin").join(", ") || "none"}`,
  );
  if (map.dataFlows.length) lines.push("", "data flows:", ...map.dataFlows.map((f) => `  ${f.text}`));
  if (map.multiWrites.length)
    lines.push(
      "",
      "multi-write reconciles (crash targets):",
      ...map.multiWrites.map(
        (m) => `  ${m.controller}: ${m.writes} writes → ${m.crashWindows} crash window(s)`,
      ),
    );
  if (map.sharedState.length)
    lines.push(
      "",
      "shared in-memory state:",
      ...map.sharedState.map((s) => `  ${s.name} (${s.origin}): ${s.controllers.join(", ")}`),
    );
  if (map.vulnerabilityWindows.length)
    lines.push(
      "",
      "vulnerability windows:",
      ...map.vulnerabilityWindows.map(
        (w) =>
          `  ${w.id} ${w.reader} reads ${w.kind} (${w.why}): assumes ${w.assumption}; broken when ${w.violation}`,
      ),
    );
  const errors = map.issues.filter((i) => i.severity === "error").length;
  const warnings = map.issues.length - errors;
  lines.push("", `contract: ${errors} error(s), ${warnings} warning(s)`);
  return lines.join("\n");
}
