// `npm run bench:cli`: start-up time of the CLI as users run it (`ctrlhunt --help`, median of 5), next to a bare
// `node -e 0` on the same machine, and a SIGINT to a hunt deep in a long exploration (seconds from signal to exit).
// Target (issue #12): --help ≤ 0.25 s; SIGINT → exit 130 within 2 s. Build first (`npm run build`): a stale build
// falls back to the TypeScript sources, which start far slower.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bigKroScenario } from "../test/safety/fixtures.ts";
import { BIN, tempWorkspace } from "../test/helpers/temp-workspace.ts";

const REPO = path.resolve(import.meta.dirname, "..");

function median(args: string[], runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function sigintSeconds(): Promise<{ seconds: number; code: number | null }> {
  const root = tempWorkspace(["kro-lite"]);
  try {
    const scenarios = path.join(root, "projects/kro-lite/scenarios");
    fs.writeFileSync(path.join(scenarios, "big.json"), JSON.stringify([bigKroScenario(REPO)], null, 2));
    const child = spawn(process.execPath, [BIN, "hunt", "kro-lite", "--workspace", root], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (b) => {
        err += String(b);
        if (/exploration run of big\/four-apps/.test(err)) resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 20_000));
    const t = performance.now();
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    return { seconds: (performance.now() - t) / 1000, code };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const node = median(["-e", "0"]);
const help = median([BIN, "--help"]);
console.log(`node -e 0:        ${node.toFixed(3)} s (median of 5)`);
console.log(`ctrlhunt --help:  ${help.toFixed(3)} s (median of 5; target ≤ 0.25 s)`);
const s = await sigintSeconds();
console.log(
  `SIGINT 20 s into a long exploration: exit ${s.code} after ${s.seconds.toFixed(2)} s (target 130 within 2 s)`,
);
