/** Step execution: the reconcile frame (client), write rules, triggers, built-in reconcilers, user actions. */
export { runCleanup, runGarbageCollector } from "./builtins.ts";
export { extendHistory } from "./child.ts";
export { CRASH_MESSAGE, CrashInjector, SimulatedCrash } from "./crash.ts";
export type { StepEnv } from "./env.ts";
export { Frame, type FrameInit } from "./frame.ts";
export { pinsFor, pinsSignature } from "./pins.ts";
export { idleSignature, type ReadKey, reconcileStep, type StepOutcome } from "./reconcile-step.ts";
export { buildRegistry, CLEANUP_ID, GC_ID, type Registry, RESERVED_IDS, USER_ID } from "./registry.ts";
export { SIM_EPOCH_MS, SIM_STEP_MS, simNow, stepsForDuration } from "./sim-clock.ts";
export { buildRoot } from "./start-state.ts";
export { triggeredBy } from "./triggers.ts";
export { runUserAction, type UserActionOutcome } from "./user-action.ts";
