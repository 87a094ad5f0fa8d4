import fs from "node:fs";

/** The last `lines` lines of a log file (reads at most the final `maxBytes`), for run records and errors. */
export function readLogTail(file: string, lines = 40, maxBytes = 64 * 1024): string {
  if (!fs.existsSync(file)) return "";
  const size = fs.statSync(file).size;
  const start = Math.max(0, size - maxBytes);
  const buf = Buffer.alloc(size - start);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, buf, 0, buf.length, start);
  } finally {
    fs.closeSync(fd);
  }
  let text = buf.toString("utf8");
  if (start > 0) text = text.slice(text.indexOf("\n") + 1); // drop the partial first line
  const all = text.replace(/\n$/, "").split("\n");
  return all.slice(-lines).join("\n");
}
