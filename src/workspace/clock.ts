/**
 * The one place records get their time from. With SOURCE_DATE_EPOCH set (the reproducible-builds convention,
 * seconds since 1970) every timestamp is that instant and measured durations are recorded as 0, so a hunt
 * regenerates byte-identical records and documents.
 */
export interface Clock {
  /** ISO-8601 timestamp for records. */
  nowIso(): string;
  /** yyyy-mm-dd for dated sections. */
  today(): string;
  /** Wall-clock milliseconds for measuring durations (0 when reproducible). */
  elapsedSince(startMs: number): number;
  startMs(): number;
  readonly reproducible: boolean;
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    const fixed = new Date(Number(epoch.trim()) * 1000).toISOString();
    return {
      nowIso: () => fixed,
      today: () => fixed.slice(0, 10),
      startMs: () => 0,
      elapsedSince: () => 0,
      reproducible: true,
    };
  }
  return {
    nowIso: () => new Date().toISOString(),
    today: () => new Date().toISOString().slice(0, 10),
    startMs: () => Date.now(),
    elapsedSince: (start) => Date.now() - start,
    reproducible: false,
  };
}
