import type { CampaignFile } from "../formats/campaign.ts";
import { type BucketOptions, bucketPlace } from "./bucket.ts";

/** Where the pods find the campaign: a ReadWriteMany claim mounted in each pod… */
export interface VolumeOutput {
  /** PersistentVolumeClaim (ReadWriteMany) that holds the campaign folder. */
  volume: string;
  /** Where the claim is mounted in the pod (the campaign folder). */
  mountPath?: string;
  /** Folder inside the claim holding the campaign (default: its root). */
  subPath?: string;
}

/** …or a bucket, with the pods' credentials in a Secret (never in the manifest). */
export interface BucketOutput {
  bucket: BucketOptions & {
    /** Secret with keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (optional) AWS_SESSION_TOKEN. */
    secret: string;
  };
}

export type JobOptions = (VolumeOutput | BucketOutput) & {
  image: string;
  /** Pods running at once (default: every shard). */
  parallelism?: number;
  /** Workspace folder inside the image. */
  workspace?: string;
  /** Retries per shard (backoffLimitPerIndex). */
  retries?: number;
  cpu?: string;
  memory?: string;
  /** Worker threads per pod (Monte Carlo trials inside the shard). */
  workers?: number;
};

/** The standard AWS variables, each from the Secret's key of the same name; a session token only if it has one. */
const S3_ENV = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;

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

/** What the shard container needs to reach the campaign: its `campaign run` target, and mounts or env. */
function outputOf(o: JobOptions) {
  if ("bucket" in o) {
    const b = o.bucket;
    const target = ["--bucket", bucketPlace(b).label];
    if (b.endpoint) target.push("--endpoint", b.endpoint);
    if (b.region) target.push("--region", b.region);
    const env = S3_ENV.map((name) => ({
      name,
      valueFrom: {
        secretKeyRef: {
          name: b.secret,
          key: name,
          ...(name === "AWS_SESSION_TOKEN" ? { optional: true } : {}),
        },
      },
    }));
    return { target, container: { env }, pod: {} };
  }
  const mountPath = o.mountPath ?? "/campaign";
  return {
    target: [mountPath],
    container: {
      volumeMounts: [{ name: "campaign", mountPath, ...(o.subPath ? { subPath: o.subPath } : {}) }],
    },
    pod: { volumes: [{ name: "campaign", persistentVolumeClaim: { claimName: o.volume } }] },
  };
}

/**
 * A batch/v1 Job in Indexed completion mode: one pod per shard, each running `ctrlhunt campaign run` on the shared
 * volume or bucket with JOB_COMPLETION_INDEX as its shard. backoffLimitPerIndex retries a failed shard alone
 * (Kubernetes ≥ 1.29).
 */
export function jobManifest(c: CampaignFile, o: JobOptions): Record<string, unknown> {
  const workspace = o.workspace ?? "/workspace";
  const cpu = o.cpu ?? String(o.workers ?? 1);
  const memory = o.memory ?? "2Gi";
  const labels = { "app.kubernetes.io/name": "ctrlhunt", [LABEL]: c.sha256.slice(0, 12) };
  const output = outputOf(o);
  const command = [
    "node",
    `${CTRLHUNT_HOME}/bin/ctrlhunt.js`,
    "campaign",
    "run",
    ...output.target,
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
              ...output.container,
            },
          ],
          ...output.pod,
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
