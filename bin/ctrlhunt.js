#!/usr/bin/env node
// Thin launcher: registers the loaders (user projects are .ts files importing "ctrlhunt"), then runs the CLI.
import "./register.mjs";

const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
