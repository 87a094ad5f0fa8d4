/** Explained findings: Mechanism and Fix from the trace, every sentence cited or labelled as inference. */
export { type Explanation, explainedPair, explainPaths, proposeFix } from "./explain.ts";
export { explainFinding, explainStoredFinding, withExplanation } from "./load.ts";
