import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Temp name in the same folder as `file` (same file system, so rename is atomic), shaped for the sweep below. */
export function tempPathBeside(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
}

/** Publish a written temp file as `file` after syncing it: readers see the old or the whole new file, never a part. */
export function publishTemp(tmp: string, file: string): void {
  const fd = fs.openSync(tmp, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Write a file so that readers see either the old or the new content, never half of it:
 * temp file in the same folder → fsync → rename. A crash leaves at most a stray `.tmp` file.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPathBeside(file);
  fs.writeFileSync(tmp, content);
  publishTemp(tmp, file);
}

/** Remove temp files left by writes that were killed before their rename (never touches real files). */
export function sweepStaleTempFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(entry.name)) {
      fs.rmSync(path.join(entry.parentPath, entry.name), { force: true });
      removed++;
    }
  }
  return removed;
}
