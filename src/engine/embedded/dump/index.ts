/** Dumps in kamera's format: builder, Go-compatible JSON text, file names, kamera's hash serialisations. */
export { buildDump, type DumpContextInput } from "./build.ts";
export { contentsHash, nodeHash, orderHash } from "./spec-hashes.ts";
export { dumpFileName, sanitizeName, writeDumpJson } from "./write-json.ts";
export { contentsHashOfVersions, type DumpSummary, summarizeDump } from "./summary.ts";
