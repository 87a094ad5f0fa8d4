import fs from "node:fs";
import { writeFileAtomic } from "../../src/workspace/index.ts";

/** Child process for the atomic-write test: rewrites `file` alternately with two large contents, then marks done. */
const [file, times, done] = process.argv.slice(2) as [string, string, string];
const a = "a".repeat(2_000_000);
const b = "b".repeat(2_000_000);
for (let i = 0; i < Number(times); i++) writeFileAtomic(file, i % 2 === 0 ? b : a);
fs.writeFileSync(done, "done");
