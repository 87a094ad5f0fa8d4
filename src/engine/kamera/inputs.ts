import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import { parseJsonText } from "../../formats/json-text.ts";
import { writeFileAtomic } from "../../workspace/index.ts";

/**
 * The `--inputs` file for a run. A harness runs every scenario of its inputs file, so a run restricted to some
 * scenarios gets its own copy holding only those (in the run folder, so the record shows what ran).
 */
export function inputsForRun(scenarioFile: string, inputsDir: string, names?: string[]): string {
  if (names === undefined || names.length === 0) return scenarioFile;
  const data = parseJsonText(fs.readFileSync(scenarioFile, "utf8"), scenarioFile);
  if (!Array.isArray(data)) {
    throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", `${scenarioFile}: not a JSON array of scenarios`);
  }
  const nameOf = (s: unknown) => (s !== null && typeof s === "object" ? (s as { name?: unknown }).name : "");
  const known = new Set(data.map(nameOf));
  const missing = names.filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${scenarioFile} has no scenario named ${missing.map((n) => `"${n}"`).join(", ")}`,
    );
  }
  const file = path.join(inputsDir, path.basename(scenarioFile));
  const wanted = new Set(names);
  writeFileAtomic(
    file,
    `${JSON.stringify(
      data.filter((s) => wanted.has(nameOf(s) as string)),
      null,
      2,
    )}\n`,
  );
  return file;
}
