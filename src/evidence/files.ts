import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { publishTemp as publish, tempPathBeside as tempBeside } from "../workspace/index.ts";

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
