// Module resolve hook: `import ... from "ctrlhunt"` in a user's project.ts resolves to the running ctrlhunt's own
// API (one instance, whatever folder the workspace is in, installed or not). A project's TypeScript files are ES
// modules even where no package.json says "type": "module" (a workspace made by hand, a symlinked project):
// loaded as CommonJS, their `import` of ctrlhunt would be a require() cycle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let selfUrl;

export function initialize(data) {
  selfUrl = data.url;
}

const typeOfDir = new Map();

/** The "type" of the nearest package.json above `dir` ("" when none says). */
function packageType(dir) {
  if (typeOfDir.has(dir)) return typeOfDir.get(dir);
  let type = "";
  try {
    type = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).type ?? "";
  } catch {
    const parent = path.dirname(dir);
    type = parent === dir ? "" : packageType(parent);
  }
  typeOfDir.set(dir, type);
  return type;
}

export async function resolve(specifier, context, next) {
  if (specifier === "ctrlhunt") return { url: selfUrl, shortCircuit: true, format: "module" };
  const r = await next(specifier, context);
  if (!/^file:.*\.ts$/.test(r.url) || r.url.includes("/node_modules/") || r.format === "module") return r;
  const file = fileURLToPath(r.url);
  return packageType(path.dirname(file)) === "commonjs" ? r : { ...r, format: "module" };
}
