/** The evidence ledger: records I/O (store), provenance, lint, re-run comparison. */
export { type LintReport, type LintWorkspaceOptions, citationLookup, lintWorkspace } from "./check.ts";
export { compareIds } from "./context.ts";
export {
  formatDistribution,
  countedStatus,
  isCountedBug,
  parseDistribution,
  type SeverityCounts,
  severityCounts,
  totalOf,
} from "./counts.ts";
export type { NewFinding, Retraction } from "./finding-store.ts";
export type { NewHypothesis } from "./hypothesis-store.ts";
export { type CitationLookup, type CitationResult, hasErrors, type LintInput, lintEvidence } from "./lint.ts";
export { type Located, loadProjectRecords, type ProjectRecords, projectsWithRecords } from "./load.ts";
export {
  buildProvenance,
  CTRLHUNT_VERSION,
  completeProvenance,
  type CommitSummary,
  commitsBetween,
  commitsSince,
  type GitRevision,
  gitRevision,
  projectSourceDir,
  sha256File,
} from "./provenance.ts";
export {
  buildRerunSection,
  classifyFinding,
  compareRerun,
  type FindingVerdict,
  type ScenarioGroups,
} from "./rerun.ts";
export type { StoredRerun } from "./rerun-store.ts";
export { checkRollup, listedIds, type OverviewRow, parseOverview } from "./rollup-check.ts";
export type { RunSlot } from "./run-store.ts";
export { type EvidenceStore, openEvidenceStore } from "./store.ts";
export { type AddFindingRequest, addFindingToWorkspace } from "./add-finding.ts";
export { citeFromDump } from "./cite.ts";
export {
  type CitationRef,
  type FindingFlags,
  labelInferred,
  parseCitationRef,
  parseFindingFlags,
} from "./finding-input.ts";
export { formatFinding, formatFindingList, formatLintReport } from "./format.ts";
export {
  acceptedInvariants,
  decideInvariant,
  listInvariantRecords,
  type NewInvariant,
  proposeInvariantRecords,
  readInvariantRecord,
  ruleKey,
} from "./invariant-store.ts";
export { sentencesOf, unbackedSentences } from "./sentences.ts";
