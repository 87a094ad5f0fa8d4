import path from "node:path";
import type { Command } from "commander";
import { exportSkills, loadPlaybooks } from "../../phases/playbooks/index.ts";
import { outputFolder } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** The full `--help` text of a command path ("analyze metrics") under `root`, captured instead of printed. */
function commandHelp(root: Command, commandPath: string): string | undefined {
  let cmd: Command | undefined = root;
  for (const part of commandPath.split(/\s+/)) cmd = cmd?.commands.find((c) => c.name() === part);
  if (!cmd) return undefined;
  let text = "";
  const saved = cmd.configureOutput();
  cmd.configureOutput({
    ...saved,
    writeOut: (s) => {
      text += s;
    },
  });
  try {
    cmd.outputHelp();
  } finally {
    cmd.configureOutput(saved);
  }
  return text;
}

/** `ctrlhunt skills export <dir>`: the playbooks as SKILL.md folders for coding agents outside ctrlhunt. */
export const registerSkillsCommands: RegisterCommands = (program, ctx) => {
  const skills = program
    .command("skills")
    .description("Agent skills: the phase playbooks for coding agents outside ctrlhunt")
    .addHelpText("after", "\nExamples:\n  $ ctrlhunt skills export .agents/skills\n");
  skills
    .command("export")
    .description(
      "Write every phase playbook as <dir>/ctrlhunt-<phase>/SKILL.md with the CLI commands it may call",
    )
    .argument("<dir>", "target folder (e.g. .agents/skills)")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt skills export .agents/skills\n  $ ctrlhunt skills export /tmp/skills --json\n",
    )
    .action(async (dir: string, o: { json?: boolean }) => {
      // The skills quote every command's help: the whole command tree, not just this invocation's command.
      const { buildProgram } = await import("../program.ts");
      const full = buildProgram(ctx);
      const target = outputFolder(path.resolve(ctx.cwd, dir), "skills export");
      const out = exportSkills(target, loadPlaybooks(), (p) => commandHelp(full, p));
      if (o.json) printJson(ctx, out);
      else
        ctx.io.out(
          out
            .map(
              (s) =>
                `${path.relative(ctx.cwd, s.file)}: ${s.commands.length} command(s)${s.missingCommands.length ? `; not in this build: ${s.missingCommands.join(", ")}` : ""}`,
            )
            .join("\n"),
        );
    });
};
