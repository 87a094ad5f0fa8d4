import { Writable } from "node:stream";
import { serveMcp } from "../../agent/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import { resolveWorkspaceRoot } from "../../phases/workspace-root.ts";
import { clockFromEnv, discoverProject } from "../../workspace/index.ts";
import type { RegisterCommands } from "./index.ts";

const positive = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${flag} must be a number > 0, got "${v}"`);
  return n;
};

/**
 * Stdout belongs to the protocol: everything else that writes there (controllers' console output, engine worker
 * threads piping theirs) goes to stderr. Returns the stream the protocol writes to.
 */
function claimStdout(): Writable {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  return new Writable({
    write(chunk, _enc, done) {
      write(chunk, (err) => done(err ?? null));
    },
  });
}

/** `ctrlhunt mcp`: serve ctrlhunt's tools, playbooks and records to an MCP client over stdio. */
export const registerMcpCommands: RegisterCommands = (program, ctx) => {
  program
    .command("mcp")
    .description(
      "Serve ctrlhunt to MCP clients over stdio: the agent tools, playbooks as prompts, records as resources",
    )
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--project <name>", "project the tools act on when a call names none")
    .option(
      "--budget-states <n>",
      "stop starting engine runs after this many explored states",
      positive("--budget-states"),
    )
    .option("--timeout <seconds>", "per engine run", positive("--timeout"))
    .addHelpText(
      "after",
      `
Stdout carries only the protocol; logs and controllers' console output go to stderr. Add it to a client, e.g.
Claude Code:  claude mcp add ctrlhunt -- npx ctrlhunt mcp --workspace /path/to/workspace

Examples:
  $ ctrlhunt mcp --workspace /tmp/demo
  $ ctrlhunt mcp --project kro-lite --budget-states 50000
`,
    )
    .action(async (o: { workspace?: string; project?: string; budgetStates?: number; timeout?: number }) => {
      const root = resolveWorkspaceRoot(ctx.cwd, o.workspace);
      if (o.project) discoverProject(root, o.project);
      const stdout = claimStdout();
      ctx.io.err(`ctrlhunt mcp: serving ${root} on stdio`);
      await serveMcp(
        {
          root,
          clock: clockFromEnv(ctx.env),
          ...(o.project ? { project: o.project } : {}),
          ...(o.budgetStates ? { budgetStates: o.budgetStates } : {}),
          ...(o.timeout ? { runTimeoutMs: o.timeout * 1000 } : {}),
        },
        { stdin: process.stdin, stdout },
      );
    });
};
