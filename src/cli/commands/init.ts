import path from "node:path";
import { bundledProjects, initWorkspace } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt init [dir]`: start a workspace, optionally with copies of the bundled targets. */
export const registerInitCommands: RegisterCommands = (program, ctx) => {
  program
    .command("init")
    .description(
      "Create a workspace (projects/, hypotheses/, evidence/), optionally seeded with bundled projects",
    )
    .argument("[dir]", "workspace folder (created if missing)", ".")
    .option(
      "--with <projects>",
      `comma-separated bundled projects to copy in (${bundledProjects().join(", ")})`,
    )
    .option("--json", "print what was created as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt init /tmp/demo --with kro-lite,kro-lite-fixed\n  $ ctrlhunt hunt kro-lite --workspace /tmp/demo\n",
    )
    .action((dir: string, o: { with?: string; json?: boolean }) => {
      const root = path.resolve(ctx.cwd, dir);
      const res = initWorkspace(root, {
        with: o.with
          ? o.with
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      });
      if (o.json) return printJson(ctx, res);
      ctx.io.out(`workspace ${root}`);
      for (const c of [...res.created, ...res.copied]) ctx.io.out(`  + ${c}`);
      if (res.copied.length > 0)
        ctx.io.out(`next: ctrlhunt hunt ${res.copied[0]?.replace("projects/", "")} --workspace ${root}`);
    });
};
