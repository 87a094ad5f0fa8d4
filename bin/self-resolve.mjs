// Module resolve hook: `import ... from "ctrlhunt"` in a user's project.ts resolves to the running ctrlhunt's own
// API (one instance, whatever folder the workspace is in, installed or not). By default that is the model-authoring
// API (src/model-api.ts: fast to load); a model imported with the FULL marker as its URL's fragment (load-project.ts
// retries so when a model imports anything else) gets the full public API, the marker carried down to its own files. A project's TypeScript files are ES modules even where no package.json says "type": "module"
// (a workspace made by hand, a symlinked project): loaded as CommonJS, their `import` of ctrlhunt would be a
// require() cycle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** URL-fragment marker of a model graph loaded against the full API (keep in sync with load-project.ts). */
const FULL = "ctrlhunt-api=full";

let selfUrl;
let modelUrl;

export function initialize(data) {
  selfUrl = data.url;
  modelUrl = data.modelUrl ?? data.url;
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

/**
 * A user's TypeScript file (outside node_modules) as a clean file: URL, or undefined. tsx marks a .ts file it would
 * load as CommonJS with queries of its own (`%3Ftsx-commonjs-…`); those are dropped here with the decision.
 */
function userTsFile(url) {
  if (!url.startsWith("file:") || url.includes("/node_modules/")) return undefined;
  const base = url.split(/%3F|\?|#/)[0];
  return base.endsWith(".ts") ? base : undefined;
}

export async function resolve(specifier, context, next) {
  const full = specifier.includes(FULL) || (context.parentURL?.includes(FULL) ?? false);
  if (specifier === "ctrlhunt")
    return { url: full ? selfUrl : modelUrl, shortCircuit: true, format: "module" };
  const r = await next(specifier, context);
  const base = userTsFile(r.url);
  if (base === undefined) return r;
  if (r.format !== "module" && packageType(path.dirname(fileURLToPath(base))) === "commonjs") return r;
  // The model's own files under the FULL marker keep it, so their "ctrlhunt" is the full API too.
  return { ...r, url: full ? `${base}#${FULL}` : base, format: "module" };
}
