import type { AgentUsage } from "../formats/transcript.ts";

/** USD per million tokens. Cache writes cost 1.25× input, cache reads 0.1× input (Anthropic's published rule). */
export interface Price {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
}

// Longest matching prefix wins; dated model IDs (claude-sonnet-4-5-20250929) match their family.
export const PRICES: readonly Price[] = [
  { model: "claude-opus-4-5", inputPerMTok: 5, outputPerMTok: 25 },
  { model: "claude-opus-4-1", inputPerMTok: 15, outputPerMTok: 75 },
  { model: "claude-opus-4", inputPerMTok: 15, outputPerMTok: 75 },
  { model: "claude-sonnet-4-5", inputPerMTok: 3, outputPerMTok: 15 },
  { model: "claude-sonnet-4", inputPerMTok: 3, outputPerMTok: 15 },
  { model: "claude-3-7-sonnet", inputPerMTok: 3, outputPerMTok: 15 },
  { model: "claude-haiku-4-5", inputPerMTok: 1, outputPerMTok: 5 },
  { model: "claude-3-5-haiku", inputPerMTok: 0.8, outputPerMTok: 4 },
];

/** The most expensive row: unknown models are priced with it, so a dollar budget is never under-counted. */
const FALLBACK: Price = { model: "claude-opus-4", inputPerMTok: 15, outputPerMTok: 75 };

export function priceOf(model: string): { price: Price; known: boolean } {
  const hit = [...PRICES]
    .sort((a, b) => b.model.length - a.model.length)
    .find((p) => model.startsWith(p.model));
  return hit ? { price: hit, known: true } : { price: FALLBACK, known: false };
}

export function costOf(usage: AgentUsage, price: Price): number {
  const perToken = price.inputPerMTok / 1e6;
  return (
    usage.inputTokens * perToken +
    usage.cacheCreationInputTokens * perToken * 1.25 +
    usage.cacheReadInputTokens * perToken * 0.1 +
    (usage.outputTokens * price.outputPerMTok) / 1e6
  );
}

export const ZERO_USAGE: AgentUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 0,
};

export function addUsage(a: AgentUsage, b: AgentUsage): AgentUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
  };
}

export function totalTokens(u: AgentUsage): number {
  return u.inputTokens + u.outputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens;
}
