import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMcpServer, type McpOptions } from "./server.ts";

/** Serve MCP over the given streams until the client closes them (resolves then). */
export async function serveMcp(o: McpOptions, io: { stdin: Readable; stdout: Writable }): Promise<void> {
  const server = createMcpServer(o);
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(transport);
  // The transport does not see stdin end on its own in every Node version: close when the client hangs up.
  io.stdin.once("end", () => void server.close());
  await closed;
}
