import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { buildProgram } from "../src/cli/program.ts";

/**
 * README's "CLI reference": every command's `--help`, walked from buildProgram()'s command tree, written between
 * the markers. Help is rendered at a fixed width so the block does not depend on the terminal that ran it.
 * Run: `npm run docs:cli`. test/cli/cli-reference.test.ts fails when the README block is stale.
 */
export const START = "<!-- cli-reference:start -->";
export const END = "<!-- cli-reference:end -->";
const WIDTH = 100;
export const README = path.resolve(import.meta.dirname, "../README.md");

/** The generated block (without the markers). */
export function renderCliReference(): string {
  let buf = "";
  const program = buildProgram({
    io: { out: (t) => void (buf += t), err: () => {}, isTTY: false },
    cwd: process.cwd(),
    env: {},
    exitCode: 0,
  });
  const sections: string[] = [];
  const visit = (cmd: Command, names: string[]) => {
    cmd.configureOutput({ getOutHelpWidth: () => WIDTH, getErrHelpWidth: () => WIDTH });
    buf = "";
    cmd.outputHelp();
    const title = ["ctrlhunt", ...names].join(" ");
    sections.push(`### \`${title}\`\n\n\`\`\`text\n${buf.trimEnd()}\n\`\`\``);
    for (const sub of cmd.commands) visit(sub, [...names, sub.name()]);
  };
  visit(program, []);
  return [
    "Generated from commander's help by `npm run docs:cli`; do not edit by hand.",
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
}

/** `readme` with the block between the markers replaced (markers appended at the end if absent). */
export function withCliReference(readme: string, block: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    return `${readme.trimEnd()}\n\n## CLI reference\n\n${START}\n${block}${END}\n`;
  return `${readme.slice(0, start + START.length)}\n${block}${readme.slice(end)}`;
}

/** The block currently in the README, or undefined when the markers are missing. */
export function currentCliReference(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? undefined : readme.slice(start + START.length + 1, end);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const before = fs.readFileSync(README, "utf8");
  const after = withCliReference(before, renderCliReference());
  if (after !== before) fs.writeFileSync(README, after);
  process.stdout.write(after === before ? "README CLI reference is up to date\n" : "README CLI reference regenerated\n");
}
