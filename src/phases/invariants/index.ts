/** Invariants proposed from the reference trace and the surface map, recorded for a person to accept. */
export {
  addInvariantProposal,
  type ProposeResult,
  proposeInvariantsInWorkspace,
} from "./propose-workspace.ts";
