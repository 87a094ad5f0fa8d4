/** kamera's sentinel: the (N+1)th write attempt of an armed reconcile returns this error (spec §5.5). */
export const CRASH_MESSAGE = "fault injection: simulated controller crash";

export class SimulatedCrash extends Error {
  constructor() {
    super(CRASH_MESSAGE);
    this.name = "SimulatedCrash";
  }
}

/** Counts write attempts (before validation); crashes on attempt N+1 and on every attempt after it. */
export class CrashInjector {
  private attempts = 0;
  crashed = false;

  constructor(readonly crashAfterEffect: number) {}

  /** Called before every write attempt; throws once the budget of N writes is used up. */
  attempt(): void {
    if (this.crashed) throw new SimulatedCrash();
    this.attempts++;
    if (this.attempts > this.crashAfterEffect) {
      this.crashed = true;
      throw new SimulatedCrash();
    }
  }
}
