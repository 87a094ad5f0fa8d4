import path from "node:path";
import YAML from "yaml";
import { writeFileAtomic } from "../../workspace/index.ts";
import { phaseInfo } from "../registry.ts";
import { GENERIC_CONTEXT } from "./context.ts";
import type { Playbook } from "./playbook.ts";
import { renderPlaybook } from "./render.ts";

/** Help text of a CLI command path ("analyze metrics"), or undefined when this build has no such command. */
export type CommandHelp = (commandPath: string) => string | undefined;

export interface ExportedSkill {
  name: string;
  file: string;
  commands: string[];
  missingCommands: string[];
}

/** SKILL.md for one phase: front matter (name, description), the generic playbook, the commands it may call. */
export function skillMarkdown(
  pb: Playbook,
  help: CommandHelp,
): { text: string; commands: string[]; missing: string[] } {
  const name = `ctrlhunt-${pb.meta.name}`;
  const front = YAML.stringify(
    {
      name,
      description: pb.meta.description,
      metadata: { "short-description": phaseInfo(pb.meta.name).description },
    },
    { lineWidth: 0 },
  );
  const commands: string[] = [];
  const missing: string[] = [];
  const blocks: string[] = [];
  for (const c of pb.meta.commands) {
    const text = help(c);
    if (text === undefined) {
      missing.push(c);
      continue;
    }
    commands.push(c);
    blocks.push(`### \`ctrlhunt ${c}\`\n\n\`\`\`text\n${text.trimEnd()}\n\`\`\``);
  }
  const io = [
    "## Inputs",
    ...pb.meta.inputs.map((i) => `- ${i}`),
    "",
    "## Outputs",
    ...pb.meta.outputs.map((o) => `- ${o}`),
  ].join("\n");
  const text = [
    `---\n${front}---`,
    renderPlaybook(pb, GENERIC_CONTEXT).trim(),
    io,
    "## Commands you may call",
    "Run them from the workspace root (the folder with `projects/`); every command takes `--help`, most take `--json`.",
    ...blocks,
  ].join("\n\n");
  return { text: `${text}\n`, commands, missing };
}

/** Write `<dir>/ctrlhunt-<phase>/SKILL.md` for every playbook (coding agents outside ctrlhunt follow them). */
export function exportSkills(dir: string, playbooks: Playbook[], help: CommandHelp): ExportedSkill[] {
  return playbooks.map((pb) => {
    const name = `ctrlhunt-${pb.meta.name}`;
    const file = path.join(dir, name, "SKILL.md");
    const md = skillMarkdown(pb, help);
    writeFileAtomic(file, md.text);
    return { name, file, commands: md.commands, missingCommands: md.missing };
  });
}
