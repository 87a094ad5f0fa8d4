import { Command } from "commander";
import type { CliContext } from "./io.ts";

const ROOT_HELP = `
Typical investigation (offline, deterministic):
  $ ctrlhunt scenario validate projects/kro-lite/scenarios/*.json
  $ ctrlhunt hunt kro-lite                  # map → author → explore → analyze → report → hypothesize → rerun → rollup

Every command takes --help; most take --json for machine-readable output.
Exit codes: 0 ok, 1 problems found / bad input, 2 usage error, 3 partial result, 75 the project is being hunted
by another process, 130 interrupted.`;

export const VERSION = "0.1.0";

/** The root command without subcommands: description, version, help epilogue, output routed to `ctx.io`. */
export function rootProgram(ctx: CliContext): Command {
  return new Command("ctrlhunt")
    .description(
      "Hunt bugs in Kubernetes controllers: kamera scenarios, exploration (embedded engine or kamera), dump analysis, evidence records and generated reports.",
    )
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", ROOT_HELP)
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .exitOverride();
}

/** Subcommands inherit output routing and exit override so `--help` never calls process.exit. */
export function wireSubcommands(program: Command, ctx: CliContext): Command {
  const wire = (cmd: Command) => {
    cmd.configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) }).exitOverride();
    cmd.commands.forEach(wire);
  };
  program.commands.forEach(wire);
  return program;
}
