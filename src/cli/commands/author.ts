import { CtrlhuntError } from "../../errors/index.ts";
import { AuthorDimension } from "../../formats/scenario-annotation.ts";
import { authorScenarios, formatAuthorSummary } from "../../phases/author/index.ts";
import { authorAccess } from "../../phases/engine-access.ts";
import { resolveWorkspaceRoot } from "../../phases/workspace-root.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

function dimension(v: string, prev: AuthorDimension[] = []): AuthorDimension[] {
  const res = AuthorDimension.safeParse(v);
  if (!res.success)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `--dimension must be one of ${AuthorDimension.options.join(", ")}; got "${v}"`,
    );
  return [...prev, res.data];
}

/** `ctrlhunt author <project>`: scenarios from the surface map (workflow Phase C). */
export const registerAuthorCommands: RegisterCommands = (program, ctx) => {
  program
    .command("author")
    .description(
      "Generate annotated scenarios from the surface map: baselines, orderings, staleness windows, crash windows, user-action timing (never overwrites)",
    )
    .argument("<project>", "project name in the workspace")
    .option(
      "--dimension <name>",
      `only these dimensions (repeatable): ${AuthorDimension.options.join(", ")}`,
      dimension,
    )
    .option("--dry-run", "show what would be written")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt author kro-lite\n  $ ctrlhunt author kro-lite --dimension fault-injection --dry-run --json\n",
    )
    .action(
      async (
        project: string,
        o: { dimension?: AuthorDimension[]; dryRun?: boolean; workspace?: string; json?: boolean },
      ) => {
        const root = resolveWorkspaceRoot(ctx.cwd, o.workspace);
        const res = await authorScenarios({
          root,
          project,
          dimensions: o.dimension,
          dryRun: o.dryRun,
          access: authorAccess(root, project),
        });
        if (o.json) printJson(ctx, res);
        else ctx.io.out(formatAuthorSummary(res));
      },
    );
};
