// `npm run build` (run by `prepare` at install): compile src/ to dist/ (same layout, .ts imports rewritten to .js),
// copy the plain-JavaScript worker boot files, and stamp the build. dist/ is rebuilt from scratch, so its content
// depends on the sources and the TypeScript version only.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");
fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
for (const e of fs.readdirSync(path.join(root, "src"), { recursive: true, withFileTypes: true })) {
  if (!e.isFile() || !e.name.endsWith(".mjs")) continue;
  const from = path.join(e.parentPath, e.name);
  fs.copyFileSync(from, path.join(dist, path.relative(path.join(root, "src"), from)));
}
fs.writeFileSync(path.join(dist, ".built"), "compiled from src/ by scripts/build.mjs\n");
