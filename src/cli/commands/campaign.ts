import path from "node:path";
import { type Command, Option } from "commander";
import {
  type BucketOptions,
  bucketPlace,
  collectCampaign,
  collectStore,
  dockerfile,
  fetchPlan,
  formatCheck,
  formatCollected,
  formatManifest,
  formatPlan,
  formatShard,
  type JobOptions,
  jobManifest,
  type ObjectStore,
  openBucket,
  parseHypothesisSelector,
  planCampaign,
  putPlan,
  readCampaign,
  runShard,
  runShardToStore,
  shardIndexFrom,
  verifyCampaign,
  verifyStore,
  writeCampaign,
} from "../../campaign/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import { openEvidenceStore } from "../../evidence/index.ts";
import { Severity } from "../../formats/records.ts";
import type { RunMode } from "../../formats/run-record.ts";
import { clockFromEnv, findWorkspaceRoot } from "../../workspace/index.ts";
import { type CliContext, printJson } from "../io.ts";
import { modeOption, trialsOption, whole } from "./explore.ts";
import type { RegisterCommands } from "./index.ts";

type Common = { workspace?: string; json?: boolean };
type BucketFlags = { bucket?: string; endpoint?: string; region?: string };

const usage = (message: string) => new CtrlhuntError("CTRLHUNT_USAGE", message);

/** --bucket and the two flags that reach an S3-compatible store; credentials come from the AWS_* variables. */
const bucketFlags = (what: string) => [
  new Option(
    "--bucket <url>",
    `${what} (s3://bucket/prefix; credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)`,
  ),
  new Option("--endpoint <url>", "S3-compatible endpoint (MinIO, …), addressed path-style"),
  new Option("--region <region>", "bucket region (default: $AWS_REGION, else us-east-1)"),
];

const addAll = (cmd: Command, options: Option[]) => options.reduce((c, opt) => c.addOption(opt), cmd);

function bucketOptions(o: BucketFlags): BucketOptions | undefined {
  if (!o.bucket) {
    if (o.endpoint || o.region) throw usage("--endpoint and --region go with --bucket <url>");
    return undefined;
  }
  return { url: o.bucket, endpoint: o.endpoint, region: o.region };
}

/** The bucket of --bucket, opened only now (the S3 SDK is loaded on this path alone), or undefined. */
async function bucketOf(ctx: CliContext, o: BucketFlags): Promise<ObjectStore | undefined> {
  const b = bucketOptions(o);
  return b ? openBucket(b, ctx.env) : undefined;
}

/** A campaign is a folder or a bucket: exactly one of them. */
function folderXorBucket(dir: string | undefined, o: BucketFlags): void {
  if (dir && o.bucket) throw usage("give the campaign folder or --bucket <url>, not both");
  if (!dir && !o.bucket) throw usage("give the campaign folder, or --bucket s3://bucket/prefix");
}

const rootOf = (ctx: CliContext, o: Common) =>
  o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);
const collect = (v: string, prev: string[] = []) => [...prev, v];

interface PlanFlags extends Common, BucketFlags {
  inputs?: string;
  hypotheses?: string;
  timeout?: string;
  mode: RunMode;
  trials?: number;
  seed?: number;
  maxDepth?: number;
  scenario: string[];
  shards: number;
  out?: string;
}

interface K8sFlags extends Common, BucketFlags {
  image?: string;
  volume?: string;
  s3Secret?: string;
  parallelism?: number;
  mountPath?: string;
  subPath?: string;
  retries?: number;
  cpu?: string;
  memory?: string;
  workers?: number;
  dockerfile?: boolean;
}

/** The Job's options from the flags: a volume or a bucket (with the Secret its pods read credentials from). */
function jobOptions(o: K8sFlags): JobOptions {
  const missing = [
    !o.image && "--image <image>",
    !o.volume && !o.bucket && "--volume <claim> or --bucket <url>",
    o.bucket && !o.s3Secret && "--s3-secret <name>",
  ].filter(Boolean);
  if (missing.length) throw usage(`required option(s) ${missing.join(", ")} not specified`);
  if (o.volume && o.bucket) throw usage("give --volume <claim> or --bucket <url>, not both");
  if (o.s3Secret && !o.bucket) throw usage("--s3-secret goes with --bucket <url>");
  const common = {
    image: o.image as string,
    parallelism: o.parallelism,
    retries: o.retries,
    cpu: o.cpu,
    memory: o.memory,
    workers: o.workers,
  };
  const bucket = bucketOptions(o);
  if (bucket) {
    bucketPlace(bucket); // flag mistakes are usage errors before anything is read
    return { ...common, bucket: { ...bucket, secret: o.s3Secret as string } };
  }
  return { ...common, volume: o.volume as string, mountPath: o.mountPath, subPath: o.subPath };
}

/** `ctrlhunt campaign plan|run|k8s|status|collect`: sharded exploration, on local processes or an Indexed Job. */
export const registerCampaignCommands: RegisterCommands = (program, ctx) => {
  const campaign = program
    .command("campaign")
    .description(
      "Sharded exploration: plan units, run shards (local processes or a Kubernetes Indexed Job), collect into evidence",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign plan kratix-lite --inputs projects/kratix-lite/scenarios/k5_work-placement-status-race.json --mode exploration --trials 1000 --shards 8 --out /tmp/c\n  $ ctrlhunt campaign plan kro-lite --hypotheses pending --shards 4 --out /tmp/h    # hypothesis variants, judged at collect\n  $ ctrlhunt campaign run /tmp/c --shard 3            # or JOB_COMPLETION_INDEX=3 ctrlhunt campaign run /tmp/c\n  $ ctrlhunt campaign k8s /tmp/c --image registry/ctrlhunt:1 --volume ctrlhunt-campaigns | kubectl apply -f -\n  $ ctrlhunt campaign collect /tmp/c\n  $ ctrlhunt campaign run --bucket s3://campaigns/c --endpoint http://minio:9000 --shard 3   # output in a bucket\n",
    );

  addAll(
    campaign
      .command("plan")
      .description(
        "Cut an exploration and/or hypothesis variants into units for N shards and write <out>/campaign.json (closed-loop: runs the reference first)",
      )
      .argument("<project>", "project name in the workspace")
      .option(
        "--inputs <file>",
        "kamera inputs (scenario) file: its scenario × phase × trial-range units (embedded)",
      )
      .option(
        "--hypotheses <ids>",
        "hypothesis variants as units: ids (H3,H5), all, or pending (unverified); variants are planned now",
      )
      .option("--timeout <seconds>", "per hypothesis variant run, as `hypothesis run --timeout`")
      .requiredOption("--shards <n>", "number of shards", whole("--shards", 1))
      .option("--out <dir>", "campaign folder (in a cluster: on a ReadWriteMany volume)"),
    bucketFlags("write campaign.json to this bucket (with or instead of --out)"),
  )
    .addOption(modeOption())
    .addOption(trialsOption())
    .option("--seed <n>", "base seed", whole("--seed", 0))
    .option("--max-depth <n>", "override tuning.maxDepth", whole("--max-depth", 1))
    .option("--scenario <name>", "only this scenario (repeatable)", collect, [])
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print the campaign file")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign plan kratix-lite --inputs projects/kratix-lite/scenarios/k5_work-placement-status-race.json --mode exploration --trials 1000 --shards 8 --out /tmp/k5\n  $ ctrlhunt campaign plan kro-lite --inputs projects/kro-lite/scenarios/k2b_instance-applyset-children.json --mode closed-loop --shards 4 --out /tmp/k2b\n  $ ctrlhunt campaign plan kro-lite --hypotheses H3,H5 --shards 2 --out /tmp/h35\n  $ ctrlhunt campaign plan kro-lite --hypotheses pending --shards 8 --out /tmp/pending\n  $ ctrlhunt campaign plan kratix-lite --inputs projects/kratix-lite/scenarios/k5_work-placement-status-race.json --mode exploration --trials 1000 --shards 8 --bucket s3://campaigns/k5\n",
    )
    .action(async (project: string, o: PlanFlags) => {
      if (!o.out && !o.bucket) throw usage("give --out <dir> or --bucket <url> (or both)");
      const bucket = bucketOptions(o);
      if (bucket) bucketPlace(bucket); // a mistyped --bucket fails before the (possibly long) reference run
      const root = rootOf(ctx, o);
      const seconds = o.timeout === undefined ? undefined : Number(o.timeout);
      if (seconds !== undefined && !(seconds > 0))
        throw new CtrlhuntError(
          "CTRLHUNT_USAGE",
          `--timeout: "${o.timeout}" is not a positive number of seconds`,
          {
            issues: [{ path: "--timeout", message: "not a positive number of seconds" }],
          },
        );
      const c = await planCampaign(
        root,
        {
          project,
          inputs: o.inputs === undefined ? undefined : path.resolve(ctx.cwd, o.inputs),
          mode: o.mode,
          shards: o.shards,
          trials: o.trials,
          seed: o.seed,
          maxDepth: o.maxDepth,
          scenarioNames: o.scenario.length ? o.scenario : undefined,
          hypotheses: o.hypotheses === undefined ? undefined : parseHypothesisSelector(o.hypotheses),
          timeoutMs: seconds === undefined ? undefined : Math.round(seconds * 1000),
        },
        {
          store: openEvidenceStore(root, { clock: clockFromEnv(ctx.env) }),
          command: ["ctrlhunt", ...(ctx.argv ?? ["campaign", "plan", project])].join(" "),
        },
      );
      const written: string[] = [];
      if (o.out) {
        const file = writeCampaign(path.resolve(ctx.cwd, o.out), c);
        written.push(path.relative(ctx.cwd, file) || file);
      }
      if (bucket) written.push(await putPlan(await openBucket(bucket, ctx.env), c));
      if (o.json) printJson(ctx, c);
      else {
        const target = o.out ?? (bucket ? bucketPlace(bucket).runArgs : undefined);
        ctx.io.out(formatPlan(c, written.join(" and "), target));
      }
    });

  addAll(
    campaign
      .command("run")
      .description(
        "Run one shard's units (shard from --shard or JOB_COMPLETION_INDEX); re-running a shard is idempotent",
      )
      .argument("[dir]", "campaign folder (or --bucket)"),
    bucketFlags("the campaign's bucket: dumps are uploaded first, the shard record last"),
  )
    .option("--shard <i>", "shard index (default: $JOB_COMPLETION_INDEX)", whole("--shard", 0))
    .option("--workers <n>", "worker threads for Monte Carlo trials in this shard", whole("--workers", 1))
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print the shard record")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign run /tmp/k5 --shard 0\n  $ JOB_COMPLETION_INDEX=3 ctrlhunt campaign run /campaign --workspace /workspace   # as each pod runs it\n  $ ctrlhunt campaign run --bucket s3://campaigns/k5 --endpoint http://minio:9000 --shard 0\n",
    )
    .action(
      async (dir: string | undefined, o: Common & BucketFlags & { shard?: number; workers?: number }) => {
        folderXorBucket(dir, o);
        const shard = shardIndexFrom(o.shard, ctx.env);
        const opts = { workers: o.workers, clock: clockFromEnv(ctx.env) };
        const bucket = await bucketOf(ctx, o);
        const t0 = performance.now();
        const record = bucket
          ? await runShardToStore(rootOf(ctx, o), bucket, shard, opts)
          : await runShard(rootOf(ctx, o), path.resolve(ctx.cwd, dir as string), shard, opts);
        if (o.json) printJson(ctx, record);
        else ctx.io.out(formatShard(record, performance.now() - t0));
      },
    );

  addAll(
    campaign
      .command("k8s")
      .description(
        "Print a batch/v1 Indexed Job (one pod per shard; Kubernetes ≥ 1.29) for `kubectl apply -f -`",
      )
      .argument(
        "[dir]",
        "campaign folder (as planned; copy it onto the volume); with --bucket: read from the bucket",
      )
      .option("--image <image>", "image with ctrlhunt and the workspace (recipe: --dockerfile)")
      .option("--volume <claim>", "ReadWriteMany PersistentVolumeClaim holding the campaign folder"),
    bucketFlags("the campaign's bucket (instead of --volume)"),
  )
    .option(
      "--s3-secret <name>",
      "Secret holding the pods' AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)",
    )
    .option("--parallelism <n>", "pods at once (default: every shard)", whole("--parallelism", 1))
    .option("--mount-path <path>", "where the claim is mounted in the pod", "/campaign")
    .option("--sub-path <path>", "folder of the campaign inside the claim")
    .option("--retries <n>", "retries per shard (backoffLimitPerIndex)", whole("--retries", 0))
    .option("--cpu <q>", "CPU request per pod (default: --workers, else 1)")
    .option("--memory <q>", "memory request and limit per pod", "2Gi")
    .option("--workers <n>", "worker threads per pod", whole("--workers", 1))
    .option("--dockerfile", "print the image recipe (Dockerfile) instead")
    .option("--json", "print the manifest as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign k8s /mnt/campaigns/k5 --image registry.example/ctrlhunt:1 --volume campaigns --sub-path k5 | kubectl apply -f -\n  $ ctrlhunt campaign k8s --bucket s3://campaigns/k5 --s3-secret ctrlhunt-s3 --image registry.example/ctrlhunt:1 | kubectl apply -f -\n  $ ctrlhunt campaign k8s --dockerfile > Dockerfile\n",
    )
    .action(async (dir: string | undefined, o: K8sFlags) => {
      if (o.dockerfile) return ctx.io.out(dockerfile());
      const jo = jobOptions(o);
      const bucket = dir ? undefined : await bucketOf(ctx, o);
      if (!dir && !bucket) throw usage("give the campaign folder (or --bucket to read it from the bucket)");
      const c = bucket ? await fetchPlan(bucket) : readCampaign(path.resolve(ctx.cwd, dir as string));
      if (o.json) printJson(ctx, jobManifest(c, jo));
      else ctx.io.out(formatManifest(c, jo));
    });

  addAll(
    campaign
      .command("status")
      .description("Check a campaign folder: which shards are complete, missing, incomplete or invalid")
      .argument("[dir]", "campaign folder (or --bucket)"),
    bucketFlags("the campaign's bucket (mirrored to a scratch folder and checked there)"),
  )
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign status /tmp/k5\n  $ ctrlhunt campaign status --bucket s3://campaigns/k5\n\nExit codes: 0 complete, 1 shards missing, incomplete or invalid.\n",
    )
    .action(async (dir: string | undefined, o: Common & BucketFlags) => {
      folderXorBucket(dir, o);
      const bucket = await bucketOf(ctx, o);
      const check = bucket ? await verifyStore(bucket) : verifyCampaign(path.resolve(ctx.cwd, dir as string));
      if (o.json) printJson(ctx, check);
      else ctx.io.out(formatCheck(check));
      if (!check.complete) ctx.exitCode = 1;
    });

  addAll(
    campaign
      .command("collect")
      .description(
        "Verify every unit ran exactly once on the same model, then record the campaign in evidence/: scenario units as one run, hypothesis variants judged as `hypothesis run` judges them",
      )
      .argument("[dir]", "campaign folder; with --bucket: where to download it (default: a scratch folder)"),
    bucketFlags("the campaign's bucket, downloaded and verified as a folder is"),
  )
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--severity <P>", "severity of a finding filed on confirmation: P0 | P1 | P2 | P3", "P2")
    .option("--json", "print the run record (with hypothesis units: { run?, hypotheses: [run reports] })")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign collect /tmp/k5\n  $ ctrlhunt campaign collect /tmp/pending --severity P1 --json\n  $ ctrlhunt campaign collect --bucket s3://campaigns/k5 --endpoint http://minio:9000\n\nExit codes: 0 recorded, 1 incomplete (the shards to re-run are named) or the workspace differs from the planned one, 75 a hunt of the project is running.\n",
    )
    .action(async (dir: string | undefined, o: Common & BucketFlags & { severity: string }) => {
      if (!dir && !o.bucket) throw usage("give the campaign folder, or --bucket s3://bucket/prefix");
      const severity = Severity.safeParse(o.severity.toUpperCase());
      if (!severity.success)
        throw new CtrlhuntError(
          "CTRLHUNT_USAGE",
          `--severity: "${o.severity}" is not one of P0, P1, P2, P3`,
          {
            issues: [{ path: "--severity", message: "not one of P0, P1, P2, P3" }],
          },
        );
      const store = openEvidenceStore(rootOf(ctx, o), { clock: clockFromEnv(ctx.env) });
      const local = dir ? path.resolve(ctx.cwd, dir) : undefined;
      const bucket = await bucketOf(ctx, o);
      const opts = {
        severity: severity.data,
        command: ["ctrlhunt", ...(ctx.argv ?? ["campaign", "collect", dir ?? ""])].join(" "),
      };
      const collected = bucket
        ? await collectStore(bucket, store, local, opts)
        : await collectCampaign(local as string, store, opts);
      if (o.json)
        printJson(
          ctx,
          collected.check.campaign.hypotheses
            ? { run: collected.run, hypotheses: collected.hypotheses }
            : collected.run,
        );
      else ctx.io.out(formatCollected(collected));
    });
};
