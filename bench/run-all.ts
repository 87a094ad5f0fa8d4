// `npm run bench`: run every bench/<name>.bench.ts in turn; each prints its own figures.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.dirname(new URL(import.meta.url).pathname);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
let failed = 0;
for (const b of benches) {
  process.stdout.write(`\n=== ${b} ===\n`);
  const r = spawnSync(
    process.execPath,
    ["--import", path.join(dir, "../bin/register.mjs"), path.join(dir, b)],
    { stdio: "inherit" },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
