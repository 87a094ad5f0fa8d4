// Worker entry in plain JavaScript. In a compiled build (dist/) the worker is JavaScript beside this file; from the
// TypeScript sources, this thread first registers ctrlhunt's loaders (TypeScript via tsx, and the self-resolving
// `ctrlhunt` import user projects use), then loads the TypeScript worker.
import fs from "node:fs";

const compiled = new URL("./trial-worker.js", import.meta.url);
if (fs.existsSync(compiled)) await import(compiled.href);
else {
  await import("../../../../bin/register.mjs");
  await import("./trial-worker.ts");
}
