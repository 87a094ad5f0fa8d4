import fs from "node:fs";
import { CtrlhuntError } from "../errors/index.ts";

/**
 * Output paths a user names on the command line: checked before any work, so a mistake is one clear line instead
 * of EEXIST/ENOTDIR from deep inside, and an existing file is never overwritten silently.
 */

/** A folder to write into: absent (it is created) or a folder, never a file. */
export function outputFolder(dir: string, flag: string): string {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${flag} ${dir} is a file; give a folder (it is created if missing)`,
    );
  return dir;
}

/** A file to create: absent, unless `overwrite` (an explicit --force or --in-place). */
export function outputFile(file: string, flag: string, overwrite = false): string {
  if (!fs.existsSync(file)) return file;
  if (fs.statSync(file).isDirectory())
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${flag} ${file} is a folder; give a file name`);
  if (!overwrite)
    throw new CtrlhuntError(
      "CTRLHUNT_OUTPUT_EXISTS",
      `${flag} ${file} already exists; remove it or choose another file (nothing was written)`,
    );
  return file;
}
