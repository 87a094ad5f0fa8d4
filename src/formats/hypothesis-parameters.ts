import { z } from "zod";

/**
 * What a hypothesis record may carry besides its claim: perturbation parameters (any left out are calibrated
 * from the reference dump) and predicates that must hold in every terminal state. Read by src/hypotheses.
 */

const int = z.number().int();
const canonicalKind = z.string().min(1).describe("Canonical kind `group/Kind`; core group is `core`");

/** The object a predicate talks about. */
const objectRef = {
  kind: canonicalKind,
  namespace: z.string().default(""),
  name: z.string().min(1),
};

export const Predicate = z
  .discriminatedUnion("op", [
    z.object({ op: z.literal("exists"), ...objectRef }),
    z.object({ op: z.literal("absent"), ...objectRef }),
    z.object({
      op: z.literal("fieldEquals"),
      ...objectRef,
      path: z.string().min(1).describe("Dotted path into the object, e.g. `status.phase` or `data.owner`"),
      value: z.unknown().describe("Expected value (deep equality)"),
    }),
  ])
  .describe("Must hold in every terminal state; a violation (cited) confirms the hypothesis");
export type Predicate = z.infer<typeof Predicate>;

export const HypothesisParameters = z
  .looseObject({
    event: z
      .object({ opType: z.string().min(1), kind: canonicalKind })
      .optional()
      .describe("ordering-after-event: the event after which the race matters"),
    depthRange: z
      .object({ min: int.min(0), max: int.min(0) })
      .optional()
      .describe("ordering-depth-band: inclusive depth band"),
    staleAt: int.min(0).optional().describe("staleness: window opens at this KindSequence value"),
    catchUpAt: int.min(1).optional().describe("staleness: view snaps back at this KindSequence value"),
    deactivateAtDepth: int
      .min(1)
      .optional()
      .describe("staleness: the view also catches up at this depth (when no later write closes the window)"),
    lag: int.optional().describe("staleness: -1 frozen (default), N>0 trails the frontier by N"),
    actionIndex: int.min(0).optional().describe("user-action-timing: which external input to stagger"),
    readyDepth: int.min(0).optional().describe("user-action-timing: depth at which the action fires"),
    crashAfterEffect: int.min(0).optional().describe("fault-injection: writes applied before the crash"),
    triggerOnce: z.boolean().optional().describe("fault-injection: crash at most once per branch"),
    trials: int.min(1).optional().describe("monte-carlo: trials"),
    seed: int.optional().describe("monte-carlo: base seed"),
    maxDepth: int.min(1).optional().describe("depth for the variant (default: calibrated)"),
  })
  .describe("Perturbation parameters; anything left out is calibrated from the reference dump");
export type HypothesisParameters = z.infer<typeof HypothesisParameters>;
