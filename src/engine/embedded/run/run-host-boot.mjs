// Run host thread entry. In a compiled build (dist/) the worker is JavaScript beside this file and registers the
// project loader itself; from the TypeScript sources, this thread first needs the loaders (tsx, `ctrlhunt` import).
import fs from "node:fs";

const compiled = new URL("./run-host-worker.js", import.meta.url);
if (fs.existsSync(compiled)) await import(compiled.href);
else {
  await import("../../../../bin/register.mjs");
  await import("./run-host-worker.ts");
}
