import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The real-kamera suite (`npm run test:kamera`, after the harnesses are built): the differential test, the kit's
 * refusals and failure handling, and a hunt on a Go target. Not part of `npm test` (it needs Go and kamera).
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { ctrlhunt: fileURLToPath(new URL("../../src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/kamera/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 600_000,
    pool: "forks",
    fileParallelism: false,
  },
});
