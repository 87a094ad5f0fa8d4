// Worker entry in plain JavaScript: registers ctrlhunt's loaders in this thread (TypeScript via tsx, and the
// self-resolving `ctrlhunt` import user projects use), then loads the TypeScript worker.
import "../../../../bin/register.mjs";

await import("./trial-worker.ts");
