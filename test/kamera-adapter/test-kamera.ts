/**
 * `npm run test:kamera`: the adapter tests, then the parts of issue 8 that need the real kamera module (Go harness
 * build + differential test). Those are skipped with the reason when Go or github.com/tgoodwin/kamera is missing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MODULE = "github.com/tgoodwin/kamera";
const repo = path.resolve(import.meta.dirname, "../..");

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Why the kamera module cannot be used here, or null when it can. */
function kameraModuleProblem(): string | null {
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) return "go is not installed";
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-kamera-probe-"));
  const probe = spawnSync("go", ["list", "-m", "-versions", MODULE], {
    cwd: tmp,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, GO111MODULE: "on" },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (probe.error) return oneLine(`go list timed out or failed: ${probe.error.message}`);
  if (probe.status !== 0) return oneLine(probe.stderr || probe.stdout);
  return null;
}

const vitest = spawnSync(
  process.execPath,
  [
    path.join(repo, "node_modules/vitest/vitest.mjs"),
    "run",
    "--config",
    "test/kamera-adapter/vitest.config.ts",
  ],
  {
    cwd: repo,
    stdio: "inherit",
  },
);
if (vitest.status !== 0) process.exit(vitest.status ?? 1);

const problem = kameraModuleProblem();
if (problem !== null) {
  const why =
    problem === "go is not installed"
      ? problem
      : `${MODULE} not fetchable through the module proxy (${problem})`;
  console.log(`\ntest:kamera: harness/kamera build and differential test skipped: ${why}`);
  process.exit(0);
}
// Reachable: the blocked half of issue 8 (Go harness + differential test, harness/kamera/README.md) is now
// buildable but not written yet; fail so that nobody mistakes this run for a passed differential test.
console.error(
  `\ntest:kamera: ${MODULE} is now fetchable, but the Go harness in harness/kamera/ and the differential test in ` +
    "test/kamera/ are not written yet (see harness/kamera/README.md): issue 8 is unblocked, finish it.",
);
process.exit(1);
