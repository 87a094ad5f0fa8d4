// Loader set-up shared by the CLI and its worker threads: TypeScript via tsx, and `ctrlhunt` resolving to itself.
import { register as registerHooks } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
registerHooks("./self-resolve.mjs", import.meta.url, {
  data: {
    url: new URL("../src/index.ts", import.meta.url).href,
    modelUrl: new URL("../src/model-api.ts", import.meta.url).href,
  },
});
