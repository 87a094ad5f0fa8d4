import path from "node:path";
import {
  collectCampaign,
  dockerfile,
  formatCheck,
  formatCollected,
  formatManifest,
  formatPlan,
  formatShard,
  jobManifest,
  parseHypothesisSelector,
  planCampaign,
  readCampaign,
  runShard,
  shardIndexFrom,
  verifyCampaign,
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

const rootOf = (ctx: CliContext, o: Common) =>
  o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);
const collect = (v: string, prev: string[] = []) => [...prev, v];

interface PlanFlags extends Common {
  inputs?: string;
  hypotheses?: string;
  timeout?: string;
  mode: RunMode;
  trials?: number;
  seed?: number;
  maxDepth?: number;
  scenario: string[];
  shards: number;
  out: string;
}

interface K8sFlags extends Common {
  image?: string;
  volume?: string;
  parallelism?: number;
  mountPath?: string;
  subPath?: string;
  retries?: number;
  cpu?: string;
  memory?: string;
  workers?: number;
  dockerfile?: boolean;
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
      "\nExamples:\n  $ ctrlhunt campaign plan kratix-lite --inputs projects/kratix-lite/scenarios/k5_work-placement-status-race.json --mode exploration --trials 1000 --shards 8 --out /tmp/c\n  $ ctrlhunt campaign plan kro-lite --hypotheses pending --shards 4 --out /tmp/h    # hypothesis variants, judged at collect\n  $ ctrlhunt campaign run /tmp/c --shard 3            # or JOB_COMPLETION_INDEX=3 ctrlhunt campaign run /tmp/c\n  $ ctrlhunt campaign k8s /tmp/c --image registry/ctrlhunt:1 --volume ctrlhunt-campaigns | kubectl apply -f -\n  $ ctrlhunt campaign collect /tmp/c\n",
    );

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
    .requiredOption("--out <dir>", "campaign folder (in a cluster: on a ReadWriteMany volume)")
    .addOption(modeOption())
    .addOption(trialsOption())
    .option("--seed <n>", "base seed", whole("--seed", 0))
    .option("--max-depth <n>", "override tuning.maxDepth", whole("--max-depth", 1))
    .option("--scenario <name>", "only this scenario (repeatable)", collect, [])
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print the campaign file")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign plan kratix-lite --inputs projects/kratix-lite/scenarios/k5_work-placement-status-race.json --mode exploration --trials 1000 --shards 8 --out /tmp/k5\n  $ ctrlhunt campaign plan kro-lite --inputs projects/kro-lite/scenarios/k2b_instance-applyset-children.json --mode closed-loop --shards 4 --out /tmp/k2b\n  $ ctrlhunt campaign plan kro-lite --hypotheses H3,H5 --shards 2 --out /tmp/h35\n  $ ctrlhunt campaign plan kro-lite --hypotheses pending --shards 8 --out /tmp/pending\n",
    )
    .action(async (project: string, o: PlanFlags) => {
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
      const file = writeCampaign(path.resolve(ctx.cwd, o.out), c);
      if (o.json) printJson(ctx, c);
      else ctx.io.out(formatPlan(c, path.relative(ctx.cwd, file) || file));
    });

  campaign
    .command("run")
    .description(
      "Run one shard's units (shard from --shard or JOB_COMPLETION_INDEX); re-running a shard is idempotent",
    )
    .argument("<dir>", "campaign folder")
    .option("--shard <i>", "shard index (default: $JOB_COMPLETION_INDEX)", whole("--shard", 0))
    .option("--workers <n>", "worker threads for Monte Carlo trials in this shard", whole("--workers", 1))
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print the shard record")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign run /tmp/k5 --shard 0\n  $ JOB_COMPLETION_INDEX=3 ctrlhunt campaign run /campaign --workspace /workspace   # as each pod runs it\n",
    )
    .action(async (dir: string, o: Common & { shard?: number; workers?: number }) => {
      const shard = shardIndexFrom(o.shard, ctx.env);
      const record = await runShard(rootOf(ctx, o), path.resolve(ctx.cwd, dir), shard, {
        workers: o.workers,
        clock: clockFromEnv(ctx.env),
      });
      if (o.json) printJson(ctx, record);
      else ctx.io.out(formatShard(record));
    });

  campaign
    .command("k8s")
    .description(
      "Print a batch/v1 Indexed Job (one pod per shard; Kubernetes ≥ 1.29) for `kubectl apply -f -`",
    )
    .argument("<dir>", "campaign folder (as planned; copy it onto the volume)")
    .option("--image <image>", "image with ctrlhunt and the workspace (recipe: --dockerfile)")
    .option("--volume <claim>", "ReadWriteMany PersistentVolumeClaim holding the campaign folder")
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
      "\nExamples:\n  $ ctrlhunt campaign k8s /mnt/campaigns/k5 --image registry.example/ctrlhunt:1 --volume campaigns --sub-path k5 | kubectl apply -f -\n  $ ctrlhunt campaign k8s /mnt/campaigns/k5 --dockerfile > Dockerfile\n",
    )
    .action((dir: string, o: K8sFlags) => {
      if (o.dockerfile) return ctx.io.out(dockerfile());
      const missing = [!o.image && "--image <image>", !o.volume && "--volume <claim>"].filter(Boolean);
      if (missing.length) {
        ctx.io.err(`error: required option(s) ${missing.join(", ")} not specified`);
        ctx.exitCode = 2;
        return;
      }
      const c = readCampaign(path.resolve(ctx.cwd, dir));
      const jo = { ...o, image: o.image as string, volume: o.volume as string };
      if (o.json) printJson(ctx, jobManifest(c, jo));
      else ctx.io.out(formatManifest(c, jo));
    });

  campaign
    .command("status")
    .description("Check a campaign folder: which shards are complete, missing, incomplete or invalid")
    .argument("<dir>", "campaign folder")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign status /tmp/k5\n\nExit codes: 0 complete, 1 shards missing, incomplete or invalid.\n",
    )
    .action((dir: string, o: Common) => {
      const check = verifyCampaign(path.resolve(ctx.cwd, dir));
      if (o.json) printJson(ctx, check);
      else ctx.io.out(formatCheck(check));
      if (!check.complete) ctx.exitCode = 1;
    });

  campaign
    .command("collect")
    .description(
      "Verify every unit ran exactly once on the same model, then record the campaign in evidence/: scenario units as one run, hypothesis variants judged as `hypothesis run` judges them",
    )
    .argument("<dir>", "campaign folder")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--severity <P>", "severity of a finding filed on confirmation: P0 | P1 | P2 | P3", "P2")
    .option("--json", "print the run record (with hypothesis units: { run?, hypotheses: [run reports] })")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt campaign collect /tmp/k5\n  $ ctrlhunt campaign collect /tmp/pending --severity P1 --json\n\nExit codes: 0 recorded, 1 incomplete (the shards to re-run are named) or the workspace differs from the planned one, 75 a hunt of the project is running.\n",
    )
    .action(async (dir: string, o: Common & { severity: string }) => {
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
      const collected = await collectCampaign(path.resolve(ctx.cwd, dir), store, {
        severity: severity.data,
        command: ["ctrlhunt", ...(ctx.argv ?? ["campaign", "collect", dir])].join(" "),
      });
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
