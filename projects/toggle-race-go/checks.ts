import { defineChecks } from "ctrlhunt";
import { desiredOwnerHolds } from "../toggle-race/model/invariants.ts";

/** toggle-race-go's invariants: the same terminal-state check as its TypeScript twin. */
export default defineChecks({ invariants: [desiredOwnerHolds] });
