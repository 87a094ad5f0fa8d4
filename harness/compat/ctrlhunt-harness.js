#!/usr/bin/env node
// A kamera-harness-compatible command running ctrlhunt's embedded engine (see README.md). Thin launcher:
// registers the TypeScript loader, then runs main.ts with this process's arguments.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), process.env);
