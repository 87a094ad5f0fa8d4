/** Retries with backoff for rate limits and server errors; the sleep is injected so tests never wait. */
export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  baseMs: 1000,
  maxMs: 60_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface RetryNote {
  attempt: number;
  status?: number;
  delayMs: number;
}

interface HttpishError {
  status?: number;
  headers?: Headers | Record<string, string | null | undefined>;
  name?: string;
}

function header(e: HttpishError, name: string): string | undefined {
  const h = e.headers;
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  return (h as Record<string, string | undefined>)[name] ?? undefined;
}

const isConnectionError = (e: unknown) =>
  ["APIConnectionError", "APIConnectionTimeoutError"].includes((e as HttpishError)?.name ?? "");

/**
 * A connection failure is retried once: with no route to the API, waiting through every backoff step only delays
 * the error (the HTTP statuses below keep their retries).
 */
export const CONNECTION_RETRIES = 1;

/** 429, 408, 409, 5xx (incl. 529 overloaded) and connection failures are worth retrying. */
export function isRetryable(e: unknown): boolean {
  const err = e as HttpishError;
  if (err?.name === "APIConnectionError" || err?.name === "APIConnectionTimeoutError") return true;
  const s = err?.status;
  return s === 408 || s === 409 || s === 429 || (typeof s === "number" && s >= 500);
}

/** retry-after(-ms) when the server names a delay, else exponential backoff; never above maxMs. */
export function retryDelay(e: unknown, attempt: number, p: RetryPolicy): number {
  const err = e as HttpishError;
  const ms = Number(header(err, "retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && header(err, "retry-after-ms") !== undefined)
    return Math.min(ms, p.maxMs);
  const secs = Number(header(err, "retry-after"));
  if (Number.isFinite(secs) && secs >= 0 && header(err, "retry-after") !== undefined)
    return Math.min(secs * 1000, p.maxMs);
  return Math.min(p.baseMs * 2 ** attempt, p.maxMs);
}

export async function withRetry<T>(fn: () => Promise<T>, p: RetryPolicy, notes: RetryNote[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const limit = isConnectionError(e) ? Math.min(CONNECTION_RETRIES, p.retries) : p.retries;
      if (attempt >= limit || !isRetryable(e)) throw e;
      const delayMs = retryDelay(e, attempt, p);
      notes.push({ attempt: attempt + 1, status: (e as HttpishError).status, delayMs });
      await p.sleep(delayMs);
    }
  }
}
