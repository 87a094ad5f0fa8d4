import type { Command } from "commander";
import { commandModules } from "./commands/index.ts";
import type { CliContext } from "./io.ts";
import { rootProgram, VERSION, wireSubcommands } from "./root.ts";

export { VERSION };

/** The whole commander tree (docs, tests). Pure wiring: each domain registers its own subcommands. */
export function buildProgram(ctx: CliContext): Command {
  const program = rootProgram(ctx);
  for (const register of commandModules) register(program, ctx);
  return wireSubcommands(program, ctx);
}
