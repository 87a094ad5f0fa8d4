import { HuntState } from "../../formats/hunt-state.ts";
import { projectPaths, readRecordIfExists, writeRecord } from "../../workspace/index.ts";

export function readHuntState(root: string, project: string): HuntState {
  return (
    readRecordIfExists(HuntState, projectPaths(root, project).state) ??
    HuntState.parse({ project, phases: {} })
  );
}

/** Atomic: a kill during the write leaves the previous state, so a finished phase is never half-recorded. */
export function writeHuntState(root: string, state: HuntState): HuntState {
  return writeRecord(HuntState, projectPaths(root, state.project).state, state);
}
