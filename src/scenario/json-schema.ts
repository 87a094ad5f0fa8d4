import path from "node:path";
import { z } from "zod";
import { WorkflowFile } from "../formats/workflow.ts";
import { writeFileAtomic } from "../workspace/index.ts";

/**
 * JSON Schema of workflow files for editors (VS Code `json.schemas`, JetBrains). Generated from the zod schema,
 * never written by hand; draft-07 because editors support it most widely. Cross-field rules (staleAt < catchUpAt,
 * unique names) cannot be expressed in it: `ctrlhunt scenario validate` checks those.
 */
export const WORKFLOW_SCHEMA_ID = "https://ctrlhunt.dev/schemas/kamera-workflow.json";

export function workflowJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WorkflowFile, { target: "draft-07", io: "input", unrepresentable: "any" });
  const { $schema, ...rest } = schema as Record<string, unknown>;
  return { $schema, $id: WORKFLOW_SCHEMA_ID, title: "kamera workflow (scenario) file", ...rest };
}

export function workflowJsonSchemaText(): string {
  return `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`;
}

/** Write the schema to `file` (atomic); returns the absolute path. */
export function writeWorkflowJsonSchema(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  writeFileAtomic(abs, workflowJsonSchemaText());
  return abs;
}
