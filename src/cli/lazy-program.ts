import { type Command, Help } from "commander";
import { CATALOG } from "./commands/catalog.ts";
import type { CliContext } from "./io.ts";
import { rootProgram, wireSubcommands } from "./root.ts";

/** The top-level command an argv runs (`help <cmd>` included), if it names one. */
export function commandNamed(argv: readonly string[]): string | undefined {
  const [first, second] = argv;
  const name = first === "help" ? second : first;
  return CATALOG.some((c) => c.name === name) ? name : undefined;
}

/**
 * The commander tree for one invocation: the command it runs registered for real, every other one as a stub that
 * only lists itself in the root help (same text as the full tree), so nothing else is imported.
 */
export async function programFor(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const program = rootProgram(ctx);
  const wanted = commandNamed(argv);
  const terms = new Map(CATALOG.map((c) => [c.name, c.term]));
  const plain = new Help();
  program.configureHelp({
    subcommandTerm: (cmd) => terms.get(cmd.name()) ?? plain.subcommandTerm(cmd),
  });
  for (const entry of CATALOG) {
    if (entry.name === wanted) (await entry.load())(program, ctx);
    else program.command(entry.name).description(entry.description);
  }
  return wireSubcommands(program, ctx);
}
