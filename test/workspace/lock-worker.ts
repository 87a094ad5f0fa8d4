import fs from "node:fs";
import { withLockSync } from "../../src/workspace/index.ts";

/**
 * Child process for the lock test: increments a counter file `times` times, each read-modify-write under the
 * workspace lock, with a pause between read and write so that an unserialised pair would lose updates.
 * Usage: node --import tsx lock-worker.ts <lockFile> <counterFile> <times>
 */
const [lockFile, counterFile, times] = process.argv.slice(2) as [string, string, string];
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < Number(times); i++) {
  withLockSync(
    lockFile,
    () => {
      const n = Number(fs.readFileSync(counterFile, "utf8"));
      Atomics.wait(pause, 0, 0, 1);
      fs.writeFileSync(counterFile, String(n + 1));
    },
    { pollMs: 1 },
  );
}
