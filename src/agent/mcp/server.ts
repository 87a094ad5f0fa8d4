import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { engineFor } from "../../engine/index.ts";
import type { Engine } from "../../engine/types.ts";
import { CtrlhuntError, formatIssue, isCtrlhuntError } from "../../errors/index.ts";
import { openEvidenceStore } from "../../evidence/index.ts";
import {
  loadPlaybooks,
  PLAYBOOK_DIR,
  projectContext,
  renderPlaybook,
  workspacePlaybookDir,
} from "../../phases/playbooks/index.ts";
import { type Clock, discoverProject } from "../../workspace/index.ts";
import { CTRLHUNT_VERSION } from "../../evidence/index.ts";
import { executeTool, toolParam } from "../run-tool.ts";
import { AGENT_TOOLS, type AgentTool, SESSION_TOOLS, type ToolEnv } from "../tools/index.ts";
import { listResources, RESOURCE_SCHEME, readResource } from "./resources.ts";

/**
 * `ctrlhunt mcp`: ctrlhunt's operations for MCP clients (Claude Code and others). The tools are the built-in
 * agent's tools — the same definitions, zod-validated, confined to the workspace — so a model can propose and run
 * but only the judge confirms. Playbooks are prompts; records and documents are resources.
 */

export interface McpOptions {
  root: string;
  /** The project tools act on when a call names none (without it, every tool takes `project`). */
  project?: string;
  clock: Clock;
  /** Exploration budget of the session: engine runs stop being started once this many states were explored. */
  budgetStates?: number;
  runTimeoutMs?: number;
  /** Largest tool result, in characters (results are JSON text). */
  maxResultChars?: number;
}

const PROJECT_ARG = {
  type: "string",
  description: "project name in the workspace (projects/<project>/)",
} as const;

/** The tool's JSON Schema (the one the Messages API gets) plus the project it acts on. */
function toolSchema(t: AgentTool, project: string | undefined) {
  const schema = toolParam(t, false).input_schema as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return {
    ...schema,
    type: "object" as const,
    properties: { project: PROJECT_ARG, ...(schema.properties ?? {}) },
    ...(project ? {} : { required: ["project", ...(schema.required ?? [])] }),
  };
}

/** Engines that refuse to start once the session's state budget is spent, and count what each run explored. */
function budgetedEngines(o: McpOptions) {
  let spent = 0;
  return (project: string): Engine => {
    const engine = engineFor(o.root, project, { clock: o.clock });
    return {
      name: engine.name,
      run: async (opts) => {
        if (o.budgetStates !== undefined && spent >= o.budgetStates)
          throw new CtrlhuntError(
            "CTRLHUNT_BUDGET_EXHAUSTED",
            `state budget of this MCP session exhausted (${spent} ≥ ${o.budgetStates} states)`,
          );
        const run = await engine.run(opts);
        spent += run.metrics.totalNodeVisits;
        return run;
      },
    };
  };
}

const errorText = (e: unknown) =>
  isCtrlhuntError(e)
    ? [e.message, ...e.issues.map((i) => formatIssue(i))].join("\n")
    : e instanceof Error
      ? e.message
      : String(e);

export function createMcpServer(o: McpOptions): Server {
  const server = new Server(
    { name: "ctrlhunt", version: CTRLHUNT_VERSION },
    { capabilities: { tools: {}, prompts: {}, resources: {} } },
  );
  const tools = new Map(
    [...Object.values(AGENT_TOOLS), ...Object.values(SESSION_TOOLS)].map((t) => [t.name as string, t]),
  );
  const store = openEvidenceStore(o.root, { clock: o.clock });
  const engines = budgetedEngines(o);
  const projectOf = (arg: unknown): string => {
    const p = typeof arg === "string" && arg !== "" ? arg : o.project;
    if (!p) throw new CtrlhuntError("CTRLHUNT_USAGE", "name the project (argument `project`)");
    discoverProject(o.root, p);
    return p;
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...tools.values()].map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: toolSchema(t, o.project),
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const { project: arg, ...input } = (req.params.arguments ?? {}) as Record<string, unknown>;
    let project: string;
    try {
      project = projectOf(arg);
    } catch (e) {
      return { isError: true, content: [{ type: "text", text: errorText(e) }] };
    }
    const token = extra._meta?.progressToken;
    let step = 0;
    const env: ToolEnv = {
      root: o.root,
      project,
      store,
      engineFor: engines,
      signal: extra.signal,
      ...(o.runTimeoutMs ? { runTimeoutMs: o.runTimeoutMs } : {}),
      ...(token !== undefined
        ? {
            progress: (message: string) =>
              void extra
                .sendNotification({
                  method: "notifications/progress",
                  params: { progressToken: token, progress: ++step, message },
                })
                .catch(() => {}),
          }
        : {}),
    };
    const out = await executeTool(req.params.name, input, tools, env, o.maxResultChars ?? 100_000);
    return { isError: !out.ok, content: [{ type: "text", text: out.text }] };
  });

  const playbooks = () => loadPlaybooks(workspacePlaybookDir(o.root) ?? PLAYBOOK_DIR);
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: playbooks().map((pb) => ({
      name: pb.meta.name,
      description: pb.meta.description,
      arguments: [{ name: "project", description: PROJECT_ARG.description, required: !o.project }],
    })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, async (req) => {
    const pb = playbooks().find((p) => p.meta.name === req.params.name);
    if (!pb) throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `no playbook named ${req.params.name}`);
    const project = projectOf(req.params.arguments?.project);
    return {
      description: pb.meta.description,
      messages: [
        {
          role: "user",
          content: { type: "text", text: renderPlaybook(pb, projectContext(o.root, project)) },
        },
      ],
    };
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: listResources(o.root) }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: `${RESOURCE_SCHEME}evidence/{project}/ANALYSIS.md`,
        name: "ANALYSIS.md of a project",
        mimeType: "text/markdown",
      },
      {
        uriTemplate: `${RESOURCE_SCHEME}evidence/{project}/findings/{id}.json`,
        name: "a finding record",
        mimeType: "application/json",
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const r = readResource(o.root, req.params.uri);
    return { contents: [{ uri: r.uri, mimeType: r.mimeType, text: r.text }] };
  });
  return server;
}
