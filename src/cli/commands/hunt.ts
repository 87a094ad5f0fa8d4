import { anthropicClient, DEFAULT_MODEL, runPhaseWithAgent } from "../../agent/index.ts";
import { clockFromEnv } from "../../workspace/index.ts";
import { formatHuntSummary, type HuntEvent, runHunt } from "../../phases/hunt/index.ts";
import { parseHuntFlags } from "../../phases/hunt/flags.ts";
import { PHASES, type PhaseName } from "../../phases/registry.ts";
import { resolveWorkspaceRoot } from "../../phases/workspace-root.ts";
import { DEFAULT_MAX_MEMORY_MB } from "../../engine/index.ts";
import { type CliContext, printJson } from "../io.ts";
import { engineProgress } from "../progress.ts";
import type { RegisterCommands } from "./index.ts";

const HELP = `
Phases, in order: ${PHASES.map((p) => p.name).join(" → ")}.
A hunt records each finished phase in evidence/<project>/hunt-state.json; running it again continues where it
stopped (after Ctrl-C, a crash or an exhausted budget) and never repeats finished work unless asked
(--from, --phases, --force). Offline and deterministic by default; --agent anthropic lets a model propose
hypotheses and refine the explained findings (needs ANTHROPIC_API_KEY) — only the evidence rules confirm.

Examples:
  $ ctrlhunt hunt kro-lite
  $ ctrlhunt hunt karpenter-lite --budget-states 5000 --json
  $ ctrlhunt hunt kro-lite --from explore        # re-run after changing the controllers
  $ ctrlhunt hunt crossplane-lite --phases hypothesize,rerun,rollup
  $ ANTHROPIC_API_KEY=… ctrlhunt hunt kratix-lite --agent anthropic --budget-usd 2
`;

function reporter(ctx: CliContext, quiet: boolean) {
  const engine = engineProgress(ctx.io);
  return (e: HuntEvent) => {
    if (quiet) return;
    if (e.type === "engine") engine(e.event);
    else if (e.type === "phase-start") ctx.io.err(`▶ ${e.phase}`);
    else if (e.type === "phase-skip") ctx.io.err(`· ${e.phase} (already ${e.why})`);
    else if (e.type === "step") ctx.io.err(`  … ${e.message}`);
    else if (e.type === "phase-end") {
      const mark = e.record.status === "done" ? "✓" : "■";
      ctx.io.err(
        `${mark} ${e.phase} (${(e.ms / 1000).toFixed(1)} s)${e.record.reason ? `: ${e.record.reason}` : ""}`,
      );
      for (const line of e.record.summary.slice(0, 12)) ctx.io.err(`    ${line}`);
    }
  };
}

/**
 * SIGINT stops the hunt within a second, inside a running search too; what finished is recorded, the rest resumes
 * next time. A second SIGINT exits at once.
 */
function interruptible(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const onInt = () => {
    if (ac.signal.aborted) process.exit(130);
    ac.abort();
  };
  process.on("SIGINT", onInt);
  return { signal: ac.signal, dispose: () => process.off("SIGINT", onInt) };
}

/** `ctrlhunt hunt <project>`: the whole investigation, resumable. */
export const registerHuntCommands: RegisterCommands = (program, ctx) => {
  program
    .command("hunt")
    .description(
      "Run the investigation end to end: map → author → explore → analyze → report → hypothesize → rerun → rollup",
    )
    .argument("<project>", "project name in the workspace (projects/<project>/)")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--phases <list>", "run exactly these phases, comma-separated (repeats finished ones)")
    .option("--from <phase>", "repeat this phase and every later one")
    .option("--force", "repeat every phase")
    .option("--budget-states <n>", "stop exploring after this many states in this run")
    .option("--budget-usd <usd>", "stop the model after this many dollars in this run")
    .option(
      "--agent <mode>",
      "offline (default, deterministic) | anthropic (needs ANTHROPIC_API_KEY)",
      "offline",
    )
    .option("--model <name>", `model for --agent anthropic (default ${DEFAULT_MODEL})`)
    .option("--timeout <seconds>", "per engine run")
    .option(
      "--max-memory <MiB>",
      `heap budget of one search; past it the search stops and its run is partial (default ${DEFAULT_MAX_MEMORY_MB})`,
    )
    .option("--json", "print the final summary as JSON")
    .addHelpText("after", HELP)
    .action(async (project: string, raw: Record<string, unknown>) => {
      const f = parseHuntFlags(raw);
      const root = resolveWorkspaceRoot(ctx.cwd, f.workspace);
      const client = f.agent === "anthropic" ? anthropicClient(ctx.env) : undefined;
      const agent = client
        ? (phase: PhaseName, budget: { maxUsd?: number }) =>
            runPhaseWithAgent({
              root,
              project,
              phase,
              client,
              model: f.model ?? DEFAULT_MODEL,
              budget,
              clock: clockFromEnv(ctx.env),
            })
        : undefined;
      const stop = interruptible();
      try {
        const summary = await runHunt({
          root,
          project,
          ...(f.phases ? { phases: f.phases } : {}),
          ...(f.from ? { from: f.from } : {}),
          force: f.force,
          budget: {
            ...(f.budgetStates ? { states: f.budgetStates } : {}),
            ...(f.budgetUsd ? { usd: f.budgetUsd } : {}),
          },
          ...(agent ? { agent } : {}),
          ...(f.timeout ? { timeoutMs: f.timeout * 1000 } : {}),
          ...(f.maxMemory ? { maxMemoryMb: f.maxMemory } : {}),
          command: ["ctrlhunt", ...(ctx.argv ?? ["hunt", project])].join(" "),
          signal: stop.signal,
          onEvent: reporter(ctx, false),
        });
        if (f.json) printJson(ctx, summary);
        else ctx.io.out(formatHuntSummary(summary));
        if (summary.stoppedAt) ctx.exitCode = stop.signal.aborted ? 130 : 3;
      } finally {
        stop.dispose();
      }
    });
};
