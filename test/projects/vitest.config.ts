import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run test:projects`: every bundled-target test, the slow exhaustive searches included. */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { ctrlhunt: fileURLToPath(new URL("../../src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/projects/**/*.test.ts"],
    testTimeout: 180_000,
    pool: "forks",
  },
});
