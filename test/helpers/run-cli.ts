import { main } from "../../src/cli/main.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams (no child process, no tsx start-up cost). */
export async function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
    io: {
      out: (t) => {
        stdout += t.endsWith("\n") ? t : `${t}\n`;
      },
      err: (t) => {
        stderr += t.endsWith("\n") ? t : `${t}\n`;
      },
      isTTY: false,
    },
  });
  return { code, stdout, stderr };
}
