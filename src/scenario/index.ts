/** Scenario (workflow file) tooling: validate, migrate, lint, JSON Schema. Formats live in src/formats/workflow*. */
export { loadControllerFacts, projectOfFile } from "./controllers.ts";
export { type ExpandedPaths, expandWorkflowPaths } from "./files.ts";
export { workflowJsonSchema, workflowJsonSchemaText, writeWorkflowJsonSchema } from "./json-schema.ts";
export * from "./lint/index.ts";
export {
  type MigrateFileResult,
  type MigrationResult,
  migrateWorkflow,
  migrateWorkflowFile,
} from "./migrate.ts";
export { formatLint, formatMigration, formatResolved, formatValidation } from "./report-text.ts";
export { resolveWorkflowFile } from "./resolve.ts";
export { checkWorkflowFile, type FileCheck, readWorkflowFile, writeWorkflowFile } from "./read.ts";
export { type ValidationReport, validateWorkflowFiles } from "./validate.ts";
