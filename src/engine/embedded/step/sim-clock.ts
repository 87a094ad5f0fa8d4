/** Simulated time (spec §3.7): epoch + depth × 1h. The epoch is fixed so hashes and dumps stay deterministic. */
export const SIM_EPOCH_MS = Date.UTC(2024, 0, 1);
export const SIM_STEP_MS = 3_600_000;

export function simNow(depth: number): string {
  return new Date(SIM_EPOCH_MS + depth * SIM_STEP_MS).toISOString().replace(".000Z", "Z");
}

/** kamera's StepsForDuration: ceil(d / 1h), at least 1 for any positive duration. */
export function stepsForDuration(ms: number): number {
  return Math.max(1, Math.ceil(ms / SIM_STEP_MS));
}
