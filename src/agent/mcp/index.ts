/** ctrlhunt as an MCP server: the agent tools, playbooks as prompts, records and documents as resources. */
export { listResources, RESOURCE_SCHEME, readResource } from "./resources.ts";
export { serveMcp } from "./serve.ts";
export { createMcpServer, type McpOptions } from "./server.ts";
