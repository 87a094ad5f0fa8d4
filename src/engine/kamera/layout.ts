import fs from "node:fs";
import path from "node:path";

/**
 * Where a kamera run puts things. `outDir` is the run folder (the evidence store's runs/<run-id>/, its name is the
 * run id); the harness gets `<outDir>/dumps` as `--output`, as the embedded engine writes its dumps there too.
 */
export function kameraRunLayout(outDir: string) {
  return {
    dumps: path.join(outDir, "dumps"),
    /** Dumps that did not parse, moved out of dumps/ so no later reader trips over them. */
    quarantine: path.join(outDir, "quarantine"),
    log: path.join(outDir, "harness.log"),
    helpLog: path.join(outDir, "harness-help.log"),
    /** A restricted copy of the inputs file, when a run selects scenarios by name. */
    inputsDir: path.join(outDir, "inputs"),
  };
}

/** The run id: the run folder's name. */
export function runIdOf(outDir: string): string {
  return path.basename(outDir);
}

/** Dump-like files already in a folder (a run must not mix its dumps with an earlier run's). */
export function existingDumpFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.jsonl?$/.test(f));
}
