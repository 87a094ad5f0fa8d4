import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

/** `npm run test:crash`: the slow SIGKILL acceptance test, excluded from `npm test` by the base config. */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("../../", import.meta.url)),
  test: { ...base.test, include: ["test/evidence/*.slow.test.ts"], exclude: ["node_modules/**"] },
});
