import YAML from "yaml";
import type { CampaignFile, ShardRecord } from "../formats/campaign.ts";
import type { RunRecord } from "../formats/run-record.ts";
import { jobManifest, type JobOptions } from "./k8s.ts";
import { shardUnits, unitDumpCount } from "./units.ts";
import type { CampaignCheck } from "./verify.ts";

export function formatPlan(c: CampaignFile, file: string): string {
  const lines = [
    `campaign ${c.sha256.slice(0, 12)} · ${c.project} · ${c.inputs} · ${c.mode}${c.trials ? ` · ${c.trials} trials` : ""}`,
    `written to ${file}`,
    `${c.units.length} units over ${c.shards} shards:`,
  ];
  for (let i = 0; i < c.shards; i++) {
    const units = shardUnits(c, i);
    const dumps = units.reduce((n, u) => n + unitDumpCount(u), 0);
    lines.push(`  shard ${i}: ${units.length} unit(s), ${dumps} dump(s)`);
  }
  lines.push(
    "",
    "next: ctrlhunt campaign run <dir> --shard <i> (or `ctrlhunt campaign k8s <dir> --image …`), then collect",
  );
  return lines.join("\n");
}

export function formatShard(r: ShardRecord): string {
  return `shard ${r.shard}: ${r.units.length} unit(s), ${r.dumps.length} dump(s), ${r.durationMs} ms`;
}

export function formatCheck(check: CampaignCheck): string {
  const lines = check.shards.map(
    (s) => `  shard ${s.shard}: ${s.status}${s.problems.length ? ` — ${s.problems.join("; ")}` : ""}`,
  );
  for (const i of check.issues) lines.push(`  ${i.file ? `${i.file}: ` : ""}${i.message}`);
  if (check.rerun.length) lines.push("re-run:", ...check.rerun.map((c) => `  ${c}`));
  return [
    `campaign ${check.campaign.sha256.slice(0, 12)}: ${check.complete ? "complete" : "incomplete"}`,
    ...lines,
  ].join("\n");
}

export function formatCollected(run: RunRecord): string {
  const m = run.metrics;
  return `recorded run ${run.runId} (${run.project}): ${run.dumps.length} dumps, ${m.converged} converged, ${m.aborted} aborted, status ${run.status}`;
}

/** The manifest as YAML `kubectl apply -f -` reads, with what it needs said in comments. */
export function formatManifest(c: CampaignFile, o: JobOptions): string {
  const header = [
    `# ctrlhunt campaign ${c.sha256.slice(0, 12)}: ${c.shards} shards of ${c.project} (${c.inputs}, ${c.mode})`,
    "# Needs Kubernetes >= 1.29 (backoffLimitPerIndex: a failed shard is retried alone).",
    `# The campaign folder must be on the ReadWriteMany claim "${o.volume}"${o.subPath ? ` under ${o.subPath}` : ""} before you apply.`,
    "# Image recipe: ctrlhunt campaign k8s <dir> --dockerfile",
    "# After the Job completes: ctrlhunt campaign collect <dir> (on a machine that mounts the same volume)",
  ];
  return `${header.join("\n")}\n${YAML.stringify(jobManifest(c, o), { lineWidth: 0 })}`;
}
