import path from "node:path";
import { formatIssue } from "../../errors/index.ts";
import { formatSurfaceSummary, mapProject } from "../../phases/map/index.ts";
import { embeddedAccess } from "../../phases/engine-access.ts";
import { resolveWorkspaceRoot } from "../../phases/workspace-root.ts";
import { outputFile, relativeToWorkspace } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt map <project>`: the surface map (workflow Phases A + B). */
export const registerMapCommands: RegisterCommands = (program, ctx) => {
  program
    .command("map")
    .description(
      "Map a project's controller surface: triggers, reads, writes per reconcile, crash windows, shared state, stale-read windows → projects/<p>/surface-map.json",
    )
    .argument("<project>", "project name in the workspace")
    .option("--go <dir>", "map this Go controller-runtime module (default: project.json source.repo)")
    .option("--output <file>", "write the map here instead of projects/<project>/surface-map.json")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print the surface map as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt map kro-lite\n  $ ctrlhunt map shop --go ../shop-operator --json\n",
    )
    .action(
      async (project: string, o: { go?: string; output?: string; workspace?: string; json?: boolean }) => {
        const root = resolveWorkspaceRoot(ctx.cwd, o.workspace, Boolean(o.go && o.output));
        const res = await mapProject({
          root,
          project,
          goDir: o.go ? path.resolve(ctx.cwd, o.go) : undefined,
          output: o.output ? outputFile(path.resolve(ctx.cwd, o.output), "--output") : undefined,
          embedded: embeddedAccess(),
        });
        const file = relativeToWorkspace(root, res.file);
        if (o.json) printJson(ctx, res.map);
        else ctx.io.out(formatSurfaceSummary(res.map, file));
        for (const i of res.map.issues) ctx.io.err(formatIssue({ file, ...i }));
        if (res.errors.length > 0) ctx.exitCode = 1;
      },
    );
};
