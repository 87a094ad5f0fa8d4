import { z } from "zod";
import { Citation } from "./citation.ts";

/**
 * Proposed invariants (issue 16): a small declarative, serialisable form of the checks issue 11's judge runs over
 * converged terminal states. A rule names kinds by canonical `group/Kind` and fields by dotted paths; it compiles
 * (src/invariants/declarative.ts) to the same `Invariant` interface a project's hand-written checks implement.
 * Only records a person accepted judge.
 */

const Kind = z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'canonical "group/Kind" ("core/Pod")');
const FieldPath = z
  .string()
  .min(1)
  .describe(
    'dotted path from the object root, array items as [n]: "status.resources.nodes", "spec.ports[0].port"',
  );

/** Which objects a rule is about: a kind, optionally narrowed by namespace and labels. */
export const KindSelector = z.strictObject({
  kind: Kind,
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type KindSelector = z.infer<typeof KindSelector>;

export const CompareOp = z.enum(["==", "<=", ">="]);
export type CompareOp = z.infer<typeof CompareOp>;

export const InvariantRule = z.discriminatedUnion("rule", [
  z
    .strictObject({
      rule: z.literal("exists-iff-owner-exists"),
      owner: KindSelector,
      child: Kind,
    })
    .describe(
      "every selected owner controls at least one object of the child kind, and every such child's owner exists",
    ),
  z
    .strictObject({
      rule: z.literal("field-compare"),
      select: KindSelector,
      left: FieldPath,
      op: CompareOp,
      right: FieldPath,
    })
    .describe(
      'two fields of the same object compare as stated ("status mirrors spec" is status.x == spec.x); numbers and numeric strings compare as numbers',
    ),
  z
    .strictObject({
      rule: z.literal("field-equals"),
      select: KindSelector,
      path: FieldPath,
      equals: z.strictObject({ kind: Kind, path: FieldPath }),
    })
    .describe("a field of every selected object equals a field of the one object of another kind"),
  z
    .strictObject({
      rule: z.literal("child-count"),
      owner: KindSelector,
      child: Kind,
      op: CompareOp,
      path: FieldPath,
    })
    .describe("the number of child-kind objects an owner controls compares to a field of the owner"),
  z
    .strictObject({
      rule: z.literal("condition-aggregate"),
      owner: KindSelector,
      condition: z.string().min(1),
      child: Kind,
      childCondition: z.string().min(1),
    })
    .describe("the owner's condition is True exactly when every controlled child's condition is True"),
  z
    .strictObject({ rule: z.literal("no-deletion-timestamp"), select: KindSelector })
    .describe("no selected object still carries metadata.deletionTimestamp at convergence"),
]);
export type InvariantRule = z.infer<typeof InvariantRule>;
export type InvariantRuleName = InvariantRule["rule"];

export const InvariantStatus = z.enum(["proposed", "accepted", "rejected"]);
export type InvariantStatus = z.infer<typeof InvariantStatus>;

export const InvariantRecord = z
  .looseObject({
    id: z.string().regex(/^I\d+$/),
    name: z.string().min(1).describe("short, unique within the project: shown in findings"),
    status: InvariantStatus,
    rule: InvariantRule,
    rationale: z.string().describe("why it was proposed: what was observed, where"),
    citations: z.array(Citation).default([]).describe("terminal states where it was seen to hold"),
    source: z.string().describe("who proposed it: heuristic:<name>, agent, user"),
    reason: z.string().optional().describe("why it was accepted or rejected"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("evidence/<project>/invariants/<ID>.yaml");
export type InvariantRecord = z.infer<typeof InvariantRecord>;
