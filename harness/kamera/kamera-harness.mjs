#!/usr/bin/env node
/**
 * Build-and-run launcher for Go harness targets (a Go main module using the kit in ./kit), so a project.json can
 * name its target folder without a build step of its own:
 *
 *   kamera-harness.mjs <target-dir> [kamera harness flags…]   build the target if stale, then run it with the flags
 *   kamera-harness.mjs --build <target-dir>…                   build and exit
 *   kamera-harness.mjs --test                                  run the kit's Go tests (go test ./kit/)
 *   kamera-harness.mjs --source                                print where github.com/tgoodwin/kamera comes from
 *
 * Where kamera comes from: KAMERA_SRC (a checkout) when set; else the module proxy when it serves
 * github.com/tgoodwin/kamera at the version go.mod requires; else the vendored copy at ../shared/vendor/kamera next
 * to the repository. A checkout is used through a generated go.work (the kit, the target, and a `replace` of kamera;
 * in .build/, never in a go.mod), so a user whose proxy serves kamera needs nothing but Go. Binaries go to
 * .build/bin/<target folder name> (go build skips the link when nothing changed). Exit codes: the harness's own, 127 when kamera or Go is unavailable, 1 on a build error.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const MODULE = "github.com/tgoodwin/kamera";
const here = import.meta.dirname;
const buildDir = path.join(here, ".build");
const decisionFile = path.join(buildDir, "kamera-source.json");

/** The kamera version go.mod requires. */
function requiredVersion() {
  const mod = fs.readFileSync(path.join(here, "go.mod"), "utf8");
  const m = new RegExp(`${MODULE.replaceAll(".", "\\.")}\\s+(v\\S+)`).exec(mod);
  if (!m) throw new Error(`go.mod does not require ${MODULE}`);
  return m[1];
}

function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

/** Probe the proxy once per machine (cached in .build/); the answer only changes when the proxy does. */
function proxyServesKamera(version) {
  if (fs.existsSync(decisionFile)) {
    const cached = JSON.parse(fs.readFileSync(decisionFile, "utf8"));
    if (cached.version === version) return cached;
  }
  const r = spawnSync("go", ["mod", "download", "-json", `${MODULE}@${version}`], {
    cwd: here,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, GOWORK: "off", GOFLAGS: "-mod=mod" },
  });
  let error = r.status === 0 ? "" : oneLine(r.stderr || r.stdout || String(r.error ?? ""));
  try {
    error = JSON.parse(r.stdout).Error ?? error; // `go mod download -json` reports the failure in its JSON
  } catch {
    /* not JSON: keep the raw text */
  }
  const answer = { version, served: r.status === 0, error: oneLine(error) };
  fs.mkdirSync(buildDir, { recursive: true });
  fs.writeFileSync(decisionFile, `${JSON.stringify(answer, null, 2)}\n`);
  return answer;
}

/** Where kamera's source comes from: { kind: "checkout", dir, why } | { kind: "proxy" } | { kind: "missing", why }. */
export function kameraSource() {
  if (process.env.KAMERA_SRC) {
    const dir = path.resolve(process.env.KAMERA_SRC);
    if (!fs.existsSync(path.join(dir, "go.mod"))) return { kind: "missing", why: `KAMERA_SRC=${dir} has no go.mod` };
    return { kind: "checkout", dir, why: "KAMERA_SRC" };
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) return { kind: "missing", why: "go is not installed" };
  const probe = proxyServesKamera(requiredVersion());
  if (probe.served) return { kind: "proxy" };
  const vendored = path.resolve(here, "../../../shared/vendor/kamera");
  if (fs.existsSync(path.join(vendored, "go.mod"))) {
    return { kind: "checkout", dir: vendored, why: `the proxy does not serve ${MODULE} (${probe.error})` };
  }
  return {
    kind: "missing",
    why: `${MODULE} is not fetchable (${probe.error}) and there is no checkout (set KAMERA_SRC, or put it at ${vendored})`,
  };
}

/** Environment for building `target`: a generated go.work (kit + target + kamera replaced by the checkout), or
 * plain module mode against the proxy. */
export function goEnv(source, target) {
  if (source.kind === "proxy") return { ...process.env, GOWORK: "off", GOFLAGS: "-mod=mod" };
  const work = path.join(buildDir, "work", `${path.basename(target)}.work`);
  const uses = target === here ? `use ${here}\n` : `use ${here}\nuse ${target}\n`;
  const text = `go 1.24\n\n${uses}\nreplace ${MODULE} => ${source.dir}\n`;
  fs.mkdirSync(path.dirname(work), { recursive: true });
  if (!fs.existsSync(work) || fs.readFileSync(work, "utf8") !== text) fs.writeFileSync(work, text);
  // Keep the user's GOFLAGS but -mod=…, which workspace mode rejects.
  const goflags = (process.env.GOFLAGS ?? "")
    .split(/\s+/)
    .filter((f) => f !== "" && !f.startsWith("-mod="))
    .join(" ");
  return { ...process.env, GOWORK: work, GOFLAGS: goflags };
}

export function binaryPath(target) {
  return path.join(buildDir, "bin", path.basename(target));
}

/** Build target folders (absolute or relative to the cwd); null, or { error, missing? }. */
export function build(dirs) {
  const source = kameraSource();
  if (source.kind === "missing") return { missing: true, error: source.why };
  for (const d of dirs) {
    const target = fs.existsSync(d) ? fs.realpathSync(d) : path.resolve(d);
    if (!fs.existsSync(path.join(target, "go.mod"))) return { error: `${target} is not a Go module (no go.mod)` };
    const r = spawnSync("go", ["build", "-o", binaryPath(target), "."], {
      cwd: target,
      env: goEnv(source, target),
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (r.status !== 0) return { error: `go build in ${target} failed (exit ${r.status})` };
  }
  return null;
}

function main(argv) {
  const [first, ...rest] = argv;
  if (first === undefined) {
    console.error("usage: kamera-harness.mjs <target-dir> [flags…] | --build <target-dir>… | --source");
    return 2;
  }
  if (first === "--test") {
    const source = kameraSource();
    if (source.kind === "missing") {
      console.error(`kamera-harness: ${source.why}`);
      return 127;
    }
    const r = spawnSync("go", ["test", "-count=1", "./kit/"], { cwd: here, env: goEnv(source, here), stdio: "inherit" });
    return r.status ?? 1;
  }
  if (first === "--source") {
    console.log(JSON.stringify(kameraSource()));
    return 0;
  }
  const failed = build(first === "--build" ? rest : [first]);
  if (failed) {
    console.error(`kamera-harness: ${failed.error}`);
    return failed.missing ? 127 : 1;
  }
  if (first === "--build") return 0;
  // Run the harness; the adapter signals our whole process group, so the child stops with us.
  const child = spawn(binaryPath(fs.realpathSync(first)), rest, { stdio: "inherit" });
  for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, sig) => process.exit(code ?? (sig ? 128 + 15 : 1)));
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const code = main(process.argv.slice(2));
  if (code !== undefined) process.exit(code);
}
