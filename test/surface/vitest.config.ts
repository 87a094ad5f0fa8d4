import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:surface`: the surface-map accuracy suite on real operators fetched through the Go module proxy
 * at pinned versions (cached in the module cache). Heavy: kept out of `npm test`.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { ctrlhunt: fileURLToPath(new URL("../../src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/surface/**/*.surface.test.ts"],
    testTimeout: 1_200_000,
    hookTimeout: 1_200_000,
    pool: "forks",
  },
});
