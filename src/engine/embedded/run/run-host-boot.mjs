// Run host entry when ctrlhunt runs from its TypeScript sources: registers the loaders in this thread (TypeScript via
// tsx, and the self-resolving `ctrlhunt` import), then loads the TypeScript worker. Compiled builds start the
// compiled worker directly.
import "../../../../bin/register.mjs";

await import("./run-host-worker.ts");
