import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run test:kamera`: every adapter test in this folder, the slow end-to-end ones included. */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { alias: { ctrlhunt: fileURLToPath(new URL("../../src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/kamera-adapter/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
