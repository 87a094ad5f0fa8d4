/**
 * `npm run test:kamera`: the adapter tests, then everything that needs real kamera — the kit's Go tests, the Go
 * targets built against kamera's explorer, the differential test against the embedded engine, a hunt on a Go
 * target (test/kamera/). The real-kamera half is skipped, with the reason, only when Go or kamera's source is
 * really absent (harness/kamera/kamera-harness.mjs decides: KAMERA_SRC, the module proxy, ../shared/vendor/kamera).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");
const launcher = path.join(repo, "harness/kamera/kamera-harness.mjs");
const vitest = path.join(repo, "node_modules/vitest/vitest.mjs");

function step(what: string, args: string[]): void {
  const began = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: repo, stdio: "inherit" });
  console.log(`test:kamera: ${what}: exit ${r.status} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step("adapter tests", [vitest, "run", "--config", "test/kamera-adapter/vitest.config.ts"]);

const probe = spawnSync(process.execPath, [launcher, "--source"], { cwd: repo, encoding: "utf8" });
const source = probe.status === 0 ? JSON.parse(probe.stdout) : { kind: "missing", why: probe.stderr.trim() };
if (source.kind === "missing") {
  console.log(`\ntest:kamera: kamera harness build, kit tests and differential test skipped: ${source.why}`);
  process.exit(0);
}
console.log(
  `test:kamera: kamera from ${source.kind === "proxy" ? "the module proxy" : `${source.dir} (${source.why})`}`,
);
step("kit tests (go test ./kit/)", [launcher, "--test"]);
step("build the Go targets", [
  launcher,
  "--build",
  path.join(repo, "projects/kratix-lite-go"),
  path.join(repo, "projects/toggle-race-go"),
]);
step("differential test and Go-target hunt", [vitest, "run", "--config", "test/kamera/vitest.config.ts"]);
