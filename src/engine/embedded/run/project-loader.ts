import { register } from "node:module";

let registered = false;

/**
 * Before the first project.ts is imported by the compiled CLI: TypeScript loading (tsx) and `import "ctrlhunt"`
 * resolving to this running ctrlhunt, registered in this thread only now, so commands that load no project start
 * fast. From the sources the CLI (bin/register.mjs) or the test runner has done both already.
 */
export async function ensureProjectLoader(): Promise<void> {
  if (registered || import.meta.url.endsWith(".ts")) return;
  registered = true;
  const { register: registerTsx } = await import("tsx/esm/api");
  registerTsx();
  register(new URL("../../../../bin/self-resolve.mjs", import.meta.url), {
    data: {
      url: new URL("../../../index.js", import.meta.url).href,
      modelUrl: new URL("../../../model-api.js", import.meta.url).href,
    },
  });
}
