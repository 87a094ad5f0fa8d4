import type { CampaignFile } from "../formats/campaign.ts";

export interface JobOptions {
  image: string;
  /** Pods running at once (default: every shard). */
  parallelism?: number;
  /** PersistentVolumeClaim (ReadWriteMany) that holds the campaign folder. */
  volume: string;
  /** Where the claim is mounted in the pod (the campaign folder). */
  mountPath?: string;
  /** Folder inside the claim holding the campaign (default: its root). */
  subPath?: string;
  /** Workspace folder inside the image. */
  workspace?: string;
  /** Retries per shard (backoffLimitPerIndex). */
  retries?: number;
  cpu?: string;
  memory?: string;
  /** Worker threads per pod (Monte Carlo trials inside the shard). */
  workers?: number;
}

const LABEL = "ctrlhunt.dev/campaign";
/** Where the image holds ctrlhunt (see dockerfile()). */
const CTRLHUNT_HOME = "/opt/ctrlhunt";

/** DNS-1123 name of at most 63 characters: `ctrlhunt-<project>-<hash>`. */
export function jobName(c: CampaignFile): string {
  const project = c.project
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 36);
  return `ctrlhunt-${project || "campaign"}-${c.sha256.slice(0, 12)}`;
}

/**
 * A batch/v1 Job in Indexed completion mode: one pod per shard, each running `ctrlhunt campaign run` on the shared
 * volume with JOB_COMPLETION_INDEX as its shard. backoffLimitPerIndex retries a failed shard alone (Kubernetes ≥ 1.29).
 */
export function jobManifest(c: CampaignFile, o: JobOptions): Record<string, unknown> {
  const mountPath = o.mountPath ?? "/campaign";
  const workspace = o.workspace ?? "/workspace";
  const cpu = o.cpu ?? String(o.workers ?? 1);
  const memory = o.memory ?? "2Gi";
  const labels = { "app.kubernetes.io/name": "ctrlhunt", [LABEL]: c.sha256.slice(0, 12) };
  const command = [
    "node",
    `${CTRLHUNT_HOME}/bin/ctrlhunt.js`,
    "campaign",
    "run",
    mountPath,
    "--workspace",
    workspace,
  ];
  if (o.workers && o.workers > 1) command.push("--workers", String(o.workers));
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: jobName(c), labels },
    spec: {
      completionMode: "Indexed",
      completions: c.shards,
      parallelism: Math.min(o.parallelism ?? c.shards, c.shards),
      backoffLimitPerIndex: o.retries ?? 2,
      maxFailedIndexes: c.shards,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "shard",
              image: o.image,
              workingDir: workspace,
              command,
              resources: { requests: { cpu, memory }, limits: { memory } },
              volumeMounts: [{ name: "campaign", mountPath, ...(o.subPath ? { subPath: o.subPath } : {}) }],
            },
          ],
          volumes: [{ name: "campaign", persistentVolumeClaim: { claimName: o.volume } }],
        },
      },
    },
  };
}

/**
 * The image recipe: ctrlhunt from its checkout (the build context) and the workspace the campaign was planned in
 * (a named build context), so every shard sees the same model and scenarios; shards check both sha256s anyway.
 */
export function dockerfile(workspace = "/workspace"): string {
  return [
    "# syntax=docker/dockerfile:1",
    "# Build from a ctrlhunt checkout, with the workspace as a named context (BuildKit):",
    "#   docker build -t <registry>/ctrlhunt-campaign:<tag> --build-context workspace=<workspace dir> <ctrlhunt checkout>",
    "#   docker push <registry>/ctrlhunt-campaign:<tag>",
    "FROM node:20-slim",
    `WORKDIR ${CTRLHUNT_HOME}`,
    "COPY package.json package-lock.json ./",
    "RUN npm ci --omit=dev",
    "COPY bin ./bin",
    "COPY src ./src",
    "COPY templates ./templates",
    "COPY playbooks ./playbooks",
    `COPY --from=workspace . ${workspace}`,
    `WORKDIR ${workspace}`,
    `ENTRYPOINT ["node", "${CTRLHUNT_HOME}/bin/ctrlhunt.js"]`,
    "",
  ].join("\n");
}
