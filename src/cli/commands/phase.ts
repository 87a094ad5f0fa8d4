import { anthropicClient, DEFAULT_MODEL, runPhaseWithAgent } from "../../agent/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import { OFFLINE_RUNNERS } from "../../phases/offline.ts";
import {
  GENERIC_CONTEXT,
  loadPlaybook,
  projectContext,
  renderPlaybook,
  workspacePlaybookDir,
} from "../../phases/playbooks/index.ts";
import { PHASES, PhaseName } from "../../phases/registry.ts";
import { resolveWorkspaceRoot } from "../../phases/workspace-root.ts";
import { clockFromEnv, relativeToWorkspace } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

interface PhaseFlags {
  print?: boolean;
  project?: string;
  workspace?: string;
  agent: "offline" | "anthropic";
  model?: string;
  budgetUsd?: number;
  budgetTokens?: number;
  maxTurns?: number;
  json?: boolean;
}

const positive = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${flag} must be a number > 0, got "${v}"`);
  return n;
};

function phaseName(v: string): PhaseName {
  const res = PhaseName.safeParse(v);
  if (!res.success)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `unknown phase "${v}"; phases: ${PhaseName.options.join(", ")}`,
    );
  return res.data;
}

/** `ctrlhunt phase [name]`: list phases, print a rendered playbook, or run one phase (offline or with a model). */
export const registerPhaseCommands: RegisterCommands = (program, ctx) => {
  program
    .command("phase")
    .description(
      "List the hunt's phases, print a phase's playbook, or run one phase offline or driven by a model",
    )
    .argument("[name]", `phase: ${PhaseName.options.join(", ")}`)
    .option("--print", "print the phase's playbook (rendered with --project's facts when given)")
    .option("--project <name>", "project to run the phase on (or to render the playbook for)")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option(
      "--agent <kind>",
      "offline (deterministic, default) or anthropic (needs ANTHROPIC_API_KEY)",
      "offline",
    )
    .option("--model <id>", `model for --agent anthropic (default: $CTRLHUNT_MODEL or ${DEFAULT_MODEL})`)
    .option("--budget-usd <n>", "stop the agent once this many dollars are spent", positive("--budget-usd"))
    .option(
      "--budget-tokens <n>",
      "stop the agent once this many tokens are used",
      positive("--budget-tokens"),
    )
    .option(
      "--max-turns <n>",
      "stop the agent after this many responses (default 40)",
      positive("--max-turns"),
    )
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt phase\n  $ ctrlhunt phase analyze --print --project kro-lite\n  $ ctrlhunt phase map --project kro-lite\n  $ ctrlhunt phase analyze --project kro-lite --agent anthropic --budget-usd 2\n",
    )
    .action(async (name: string | undefined, o: PhaseFlags) => {
      if (!name) {
        if (o.json) printJson(ctx, PHASES);
        else ctx.io.out(PHASES.map((p) => `${p.name.padEnd(12)}${p.description}`).join("\n"));
        return;
      }
      const phase = phaseName(name);
      if (o.agent !== "offline" && o.agent !== "anthropic")
        throw new CtrlhuntError("CTRLHUNT_USAGE", `--agent must be offline or anthropic, got "${o.agent}"`);
      if (o.print) {
        const root = o.project || o.workspace ? resolveWorkspaceRoot(ctx.cwd, o.workspace) : undefined;
        const pb = loadPlaybook(phase, root ? workspacePlaybookDir(root) : undefined);
        const text = renderPlaybook(
          pb,
          o.project && root ? projectContext(root, o.project) : GENERIC_CONTEXT,
        );
        if (o.json) printJson(ctx, { ...pb.meta, body: text });
        else ctx.io.out(text);
        return;
      }
      if (!o.project)
        throw new CtrlhuntError("CTRLHUNT_USAGE", "running a phase needs --project <name> (or use --print)");
      const root = resolveWorkspaceRoot(ctx.cwd, o.workspace);
      if (o.agent === "offline") {
        const runner = OFFLINE_RUNNERS[phase];
        if (!runner)
          throw new CtrlhuntError(
            "CTRLHUNT_UNSUPPORTED",
            `phase ${phase} has no offline runner of its own: run it through \`ctrlhunt hunt\`, its commands (see \`ctrlhunt phase ${phase} --print\`), or --agent anthropic`,
          );
        const res = await runner({ root, project: o.project });
        if (o.json) printJson(ctx, res.result);
        else ctx.io.out(res.summary);
        if (!res.ok) ctx.exitCode = 1;
        return;
      }
      const client = anthropicClient(ctx.env);
      const res = await runPhaseWithAgent({
        root,
        project: o.project,
        phase,
        client,
        model: o.model ?? ctx.env.CTRLHUNT_MODEL ?? DEFAULT_MODEL,
        budget: { maxUsd: o.budgetUsd, maxTokens: o.budgetTokens, maxTurns: o.maxTurns ?? 40 },
        clock: clockFromEnv(ctx.env),
        onEvent: (e) => {
          if (e.type === "tool") ctx.io.err(`  tool ${e.name}${e.ok ? "" : " (rejected or failed)"}`);
          if (e.type === "retry") ctx.io.err(`  retrying after ${e.delayMs} ms (HTTP ${e.status ?? "?"})`);
        },
      });
      const transcript = relativeToWorkspace(root, res.transcript);
      if (o.json) printJson(ctx, { ...res, transcript });
      else
        ctx.io.out(
          [
            `${phase}: ${res.stopReason} — ${res.reason}`,
            `turns ${res.turns}, tool calls ${res.toolCalls.length}, cost $${res.costUsd.toFixed(4)}, transcript ${transcript}`,
            ...(res.finalText ? ["", res.finalText] : []),
          ].join("\n"),
        );
      if (res.stopReason === "completed") return;
      ctx.exitCode = res.stopReason.startsWith("budget") || res.stopReason === "max-turns" ? 3 : 1;
    });
};
