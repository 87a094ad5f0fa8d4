import type Anthropic from "@anthropic-ai/sdk";
import { CtrlhuntError } from "../errors/index.ts";

/** The one Messages API call the loop needs (the SDK client satisfies it; tests pass one with a fake fetch). */
export interface MessagesClient {
  messages: {
    create(
      params: Anthropic.MessageCreateParamsNonStreaming,
      options?: { signal?: AbortSignal },
    ): Promise<Anthropic.Message>;
  };
}

/** A current model: the pinned SDK warns about claude-sonnet-4-5 (deprecated) on every request. */
export const DEFAULT_MODEL = "claude-sonnet-4-6";

/**
 * An Anthropic client for `--agent anthropic`. The SDK's own retries are off: the loop retries with an
 * injectable sleep and records every retry in the transcript.
 */
export function anthropicClient(
  env: NodeJS.ProcessEnv,
  opts: { fetch?: typeof fetch; baseURL?: string } = {},
): MessagesClient {
  const apiKey = env.ANTHROPIC_API_KEY;
  if (!apiKey)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      "--agent anthropic needs ANTHROPIC_API_KEY in the environment (or use --agent offline, the default)",
    );
  // The SDK is loaded on the first request: it costs ~0.5 s to import, and offline runs never need it.
  let sdk: Promise<MessagesClient> | undefined;
  const load = () => {
    sdk ??= import("@anthropic-ai/sdk").then(
      ({ default: SDK }) =>
        new SDK({
          apiKey,
          maxRetries: 0,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
          ...(opts.baseURL || env.ANTHROPIC_BASE_URL
            ? { baseURL: opts.baseURL ?? env.ANTHROPIC_BASE_URL }
            : {}),
        }),
    );
    return sdk;
  };
  return { messages: { create: async (params, options) => (await load()).messages.create(params, options) } };
}
