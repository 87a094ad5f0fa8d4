#!/usr/bin/env node
// Launcher: the compiled CLI (dist/, built at install by `prepare`) starts fast; TypeScript loaders are registered
// only when a user's project.ts is loaded. A checkout whose sources are newer than the build runs the sources
// through tsx instead (slower start, never stale).
import { compiledIsFresh } from "./build-state.mjs";

let main;
if (compiledIsFresh()) ({ main } = await import("../dist/cli/main.js"));
else {
  await import("./register.mjs");
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
