import fs from "node:fs";
import path from "node:path";

/**
 * Real kamera input files (verbatim copies, see kamera-inputs/INDEX.md). The in-repo copy keeps a clean clone
 * self-contained; the shared fixture folder, when present beside the repo, is read too — with readdir, so
 * fixtures added there are covered without touching a test.
 */
const IN_REPO = path.resolve(import.meta.dirname, "kamera-inputs");
const SHARED =
  process.env.CTRLHUNT_KAMERA_INPUTS ??
  path.resolve(import.meta.dirname, "../../../shared/fixtures/kamera-inputs");

export function kameraInputFiles(): string[] {
  const dirs = [IN_REPO, ...(fs.existsSync(SHARED) ? [SHARED] : [])];
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => path.join(dir, f)),
  );
}

/** Label for test names: `<folder>/<file>`. */
export const label = (file: string) => `${path.basename(path.dirname(file))}/${path.basename(file)}`;

export const readText = (file: string) => fs.readFileSync(file, "utf8");
