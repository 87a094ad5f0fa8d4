import fs from "node:fs";
import path from "node:path";

/**
 * Where a kamera run puts things. `outDir` is the dump folder, handed to the harness as `--output` (the embedded
 * engine writes its dumps into `outDir` too). ctrlhunt's side files sit in it where no dump reader looks: logs are
 * not `.json`, and kamera's directory readers do not descend into sub-folders.
 */
export function kameraRunLayout(outDir: string) {
  return {
    dumps: outDir,
    quarantine: path.join(outDir, "quarantine"),
    log: path.join(outDir, "harness.log"),
    helpLog: path.join(outDir, "harness-help.log"),
    /** A restricted copy of the inputs file, when a run selects scenarios by name. */
    inputsDir: path.join(outDir, "inputs"),
  };
}

/** The run id: the run folder's name, i.e. the parent's when `outDir` is a run's `dumps/` (evidence store layout). */
export function runIdOf(outDir: string): string {
  const base = path.basename(outDir);
  return base === "dumps" ? path.basename(path.dirname(outDir)) : base;
}

/** Dump-like files already in a folder (a run must not mix its dumps with an earlier run's). */
export function existingDumpFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.jsonl?$/.test(f));
}
