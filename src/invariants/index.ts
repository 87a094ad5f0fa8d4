/**
 * Invariants (issue 11): checks over converged terminal states, the strongest evidence a finding can cite.
 * Pure: views are built from dump JSON; no engine, no disk.
 */
export {
  BUILTIN_INVARIANTS,
  canonicalOwnerKind,
  isPlatformFinalizer,
  ORPHANED_CHILD,
  STUCK_TERMINATING,
} from "./builtins.ts";
export { checkInvariants, type InvariantSet, invariantSet } from "./check.ts";
export {
  defineChecks,
  type Invariant,
  type InvariantResult,
  type ObjectRef,
  type ProjectChecks,
  type TerminalView,
  type Violation,
} from "./types.ts";
export { InvariantShape, ProjectChecksShape } from "./schema.ts";
export { terminalView, viewOf } from "./view.ts";
export { compileInvariant, describeRule } from "./declarative.ts";
export { fieldAt, parsePath } from "./field-path.ts";
export { type Proposal, type ProposeInput, proposeInvariants } from "./propose.ts";
