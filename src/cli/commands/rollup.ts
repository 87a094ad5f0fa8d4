import { writeRollupReport } from "../../report/index.ts";
import type { RegisterCommands } from "./index.ts";
import { type DocumentFlags, printDocuments, workspaceOf } from "./report.ts";

/** `ctrlhunt rollup`: render evidence/BUG-FINDINGS.md, counts computed from every project's records. */
export const registerRollupCommands: RegisterCommands = (program, ctx) => {
  program
    .command("rollup")
    .description(
      "Render evidence/BUG-FINDINGS.md from every project's records (counts computed, never typed)",
    )
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--stdout", "print the document instead of writing it")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ ctrlhunt rollup\n  $ ctrlhunt rollup --stdout\n")
    .action(async (o: DocumentFlags) => {
      const root = workspaceOf(ctx, o);
      printDocuments(ctx, root, [await writeRollupReport(root, { write: !o.stdout })], o);
    });
};
