import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** Temp name in the same folder as `file`, shaped so sweepStaleTempFiles recognises it. */
function tempBeside(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
}

/** Publish `tmp` as `file` after syncing it: readers see no file or the whole file, never a part. */
function publish(tmp: string, file: string): void {
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

/** Copy a (possibly large) dump into the store atomically. */
export function copyFileAtomic(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = tempBeside(to);
  fs.copyFileSync(from, tmp);
  publish(tmp, to);
}

/** Gzip a dump into the store atomically (dumps are ~700 KB of indented JSON; gzip keeps ~5%). */
export function gzipFileAtomic(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = tempBeside(to);
  fs.writeFileSync(tmp, gzipSync(fs.readFileSync(from), { level: 9 }));
  publish(tmp, to);
}
