import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CtrlhuntError, formatPath } from "../../errors/index.ts";
import { parseJsonText } from "../../formats/json-text.ts";
import { GoSurfaceOutput } from "./go-output.ts";

/**
 * I/O edge: runs the Go extractor (harness/surface: go/packages + go/types, syntactic fallback) on a Go module.
 * The binary is built once per extractor source hash into the OS temp folder, so later maps skip `go build`.
 */
const run = promisify(execFile);
export const EXTRACTOR_DIR = fileURLToPath(new URL("../../../harness/surface/", import.meta.url));

function goEnv(): NodeJS.ProcessEnv {
  // Never download a toolchain; modules come from the module cache, and the proxy is asked only for what is
  // missing (x/tools for the extractor; the target's own dependencies for type-checking). -mod=readonly: the
  // extractor's and the target's go.mod/go.sum are never edited.
  return { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly", GO111MODULE: "on" };
}

function sourceHash(): string {
  const h = createHash("sha256");
  for (const f of fs.readdirSync(EXTRACTOR_DIR).sort()) {
    if (f.endsWith(".go") || f === "go.mod") h.update(f).update(fs.readFileSync(path.join(EXTRACTOR_DIR, f)));
  }
  return h.digest("hex").slice(0, 16);
}

function runEnv(): NodeJS.ProcessEnv {
  // The target's own GOFLAGS (e.g. -mod=vendor) are left to the extractor, which picks readonly or vendor mode.
  const { GOFLAGS: _ignored, ...env } = goEnv();
  return env;
}

async function extractorBinary(): Promise<string> {
  const bin = path.join(os.tmpdir(), "ctrlhunt-go-surface", `surface-${sourceHash()}`);
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    await run("go", ["build", "-o", tmp, "."], { cwd: EXTRACTOR_DIR, env: goEnv(), timeout: 180_000 });
    fs.renameSync(tmp, bin);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") {
      throw new CtrlhuntError(
        "CTRLHUNT_UNSUPPORTED",
        "mapping a Go project needs the Go toolchain (go ≥ 1.26 on PATH); none found",
      );
    }
    throw new CtrlhuntError(
      "CTRLHUNT_ENGINE_FAILED",
      `building the Go surface extractor failed: ${err.stderr ?? err.message}`,
    );
  }
  return bin;
}

/** Extract controller wiring from the Go module in `dir`. */
export async function extractGoSurface(dir: string): Promise<GoSurfaceOutput> {
  if (!fs.existsSync(path.join(dir, "go.mod"))) {
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${dir}: not a Go module (no go.mod)`, {
      issues: [{ file: dir, path: "go.mod", message: "not a Go module: go.mod missing" }],
    });
  }
  const bin = await extractorBinary();
  let stdout: string;
  try {
    ({ stdout } = await run(bin, [dir], { env: runEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new CtrlhuntError(
      "CTRLHUNT_ENGINE_FAILED",
      `Go surface extraction failed: ${err.stderr || err.message}`,
    );
  }
  const parsed = GoSurfaceOutput.safeParse(parseJsonText(stdout, "surface extractor output"));
  if (!parsed.success) {
    throw new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", "Go surface extractor printed an unexpected shape", {
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  }
  return parsed.data;
}
