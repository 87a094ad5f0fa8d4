// Worker entry in plain JavaScript: registers the TypeScript loader in this thread, then loads the TS worker.
import { register } from "tsx/esm/api";

register();
await import("./trial-worker.ts");
