import YAML from "yaml";
import { bucketPlace } from "./bucket.ts";
import type { CampaignFile, ShardRecord } from "../formats/campaign.ts";
import { formatRunReport } from "../hypotheses/index.ts";
import type { Collected } from "./collect.ts";
import { jobManifest, type JobOptions } from "./k8s.ts";
import { hypothesisUnitsOf, scenarioUnitsOf, shardUnits, unitDumpCount } from "./units.ts";
import type { CampaignCheck } from "./verify.ts";

/** What a campaign runs, in a few words: its scenario file and mode, and/or how many hypothesis variants. */
export function campaignSubject(c: CampaignFile): string {
  const parts = [
    ...(c.inputs ? [`${c.inputs} · ${c.mode}${c.trials ? ` · ${c.trials} trials` : ""}`] : []),
    ...(c.hypotheses ? [`hypotheses ${c.hypotheses.items.map((h) => h.id).join(", ")}`] : []),
  ];
  return parts.join(" · ");
}

function shardLine(c: CampaignFile, i: number): string {
  const units = shardUnits(c, i);
  const dumps = scenarioUnitsOf(units).reduce((n, u) => n + unitDumpCount(u), 0);
  const variants = hypothesisUnitsOf(units).map((u) => u.hypothesis);
  const what = [
    ...(dumps ? [`${dumps} dump(s)`] : []),
    ...(variants.length ? [`variants ${variants.join(", ")}`] : []),
  ];
  return `  shard ${i}: ${units.length} unit(s)${what.length ? `, ${what.join(", ")}` : ""}`;
}

/** `target`: what reaches the campaign again (`<dir>`, or `--bucket … --endpoint …`). */
export function formatPlan(c: CampaignFile, file: string, target = "<dir>"): string {
  const lines = [
    `campaign ${c.sha256.slice(0, 12)} · ${c.project} · ${campaignSubject(c)}`,
    `written to ${file}`,
    `${c.units.length} units over ${c.shards} shards:`,
  ];
  for (let i = 0; i < c.shards; i++) lines.push(shardLine(c, i));
  for (const s of c.hypotheses?.skipped ?? []) lines.push(`  left out ${s.id}: ${s.reason}`);
  if (c.hypotheses)
    lines.push(
      "variant files were written into the workspace: build the image (campaign k8s --dockerfile) after planning",
    );
  lines.push(
    "",
    `next: ctrlhunt campaign run ${target} --shard <i> (or \`ctrlhunt campaign k8s ${target} --image …\`), then collect`,
  );
  return lines.join("\n");
}

/**
 * `wallMs`: what the shard took as this process measured it. The record's durationMs is 0 under
 * SOURCE_DATE_EPOCH (records stay reproducible), but a person watching shards wants the real time.
 */
export function formatShard(r: ShardRecord, wallMs = r.durationMs): string {
  const runs = r.runs.length ? `, ${r.runs.length} variant run(s)` : "";
  return `shard ${r.shard}: ${r.units.length} unit(s), ${r.dumps.length} dump(s)${runs}, ${(wallMs / 1000).toFixed(1)} s`;
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

export function formatCollected(c: Pick<Collected, "run" | "hypotheses">): string {
  const m = c.run?.metrics;
  const run = c.run
    ? [
        `recorded run ${c.run.runId} (${c.run.project}): ${c.run.dumps.length} dumps, ${m?.converged} converged, ${m?.aborted} aborted, status ${c.run.status}\n`,
      ]
    : [];
  return [...run, ...c.hypotheses.map(formatRunReport)].join("").trimEnd();
}

/** The manifest as YAML `kubectl apply -f -` reads, with what it needs said in comments. */
export function formatManifest(c: CampaignFile, o: JobOptions): string {
  const bucket = "bucket" in o ? o.bucket : undefined;
  const where = bucket
    ? [
        `# The campaign must be in ${bucketPlace(bucket).label} (campaign.json, from \`campaign plan --bucket\`) before you apply.`,
        `# Credentials: Secret "${bucket.secret}" with keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and optional AWS_SESSION_TOKEN):`,
        `#   kubectl create secret generic ${bucket.secret} --from-literal=AWS_ACCESS_KEY_ID=… --from-literal=AWS_SECRET_ACCESS_KEY=…`,
      ]
    : [
        `# The campaign folder must be on the ReadWriteMany claim "${"volume" in o ? o.volume : ""}"${"subPath" in o && o.subPath ? ` under ${o.subPath}` : ""} before you apply.`,
      ];
  const header = [
    `# ctrlhunt campaign ${c.sha256.slice(0, 12)}: ${c.shards} shards of ${c.project} (${campaignSubject(c)})`,
    "# Needs Kubernetes >= 1.29 (backoffLimitPerIndex: a failed shard is retried alone).",
    ...where,
    "# Image recipe: ctrlhunt campaign k8s --dockerfile",
    bucket
      ? `# After the Job completes: ctrlhunt campaign collect ${bucketPlace(bucket).runArgs}`
      : "# After the Job completes: ctrlhunt campaign collect <dir> (on a machine that mounts the same volume)",
  ];
  return `${header.join("\n")}\n${YAML.stringify(jobManifest(c, o), { lineWidth: 0 })}`;
}
