import path from "node:path";
import { resolveCitations } from "../analysis/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import type { Finding } from "../formats/records.ts";
import { relativeToWorkspace } from "../workspace/index.ts";
import { citeFromDump } from "./cite.ts";
import type { CitationRef } from "./finding-input.ts";
import type { NewFinding } from "./finding-store.ts";
import type { EvidenceStore } from "./store.ts";

export interface AddFindingRequest {
  project: string;
  draft: Partial<NewFinding>;
  refs: CitationRef[];
  /** Where relative paths on the command line are resolved. */
  cwd: string;
  /** Keep the cited dumps (gzip) under evidence/<project>/evidence/<id>/ (default: for confirmed findings). */
  keep?: boolean;
}

/**
 * Add a finding from a draft: citations by reference are read from their dumps, paths become workspace-relative,
 * a confirmed finding must have citations that resolve (else nothing is written), and its dumps are kept.
 */
export function addFindingToWorkspace(store: EvidenceStore, req: AddFindingRequest): Finding {
  const root = store.root;
  const cited = req.refs.map((r) => citeFromDump(root, req.cwd, r));
  const citations = [...(req.draft.citations ?? []), ...cited.map((c) => c.citation)];
  const rel = (f: string | undefined) =>
    f === undefined ? undefined : relativeToWorkspace(root, path.resolve(req.cwd, f));
  const status = req.draft.status ?? "observation";
  const missing = (["title", "severity", "scenario"] as const).filter((k) => !req.draft[k]);
  if (missing.length) {
    throw new CtrlhuntError("CTRLHUNT_USAGE", "finding is incomplete", {
      issues: missing.map((k) => ({ path: `--${k}`, message: `${k} is required` })),
      exitCode: 1,
    });
  }
  if (status === "confirmed") {
    const bad = resolveCitations(root, citations).flatMap((r, i) =>
      r.ok ? [] : [{ path: `citations[${i}]`, message: r.reason }],
    );
    if (citations.length === 0)
      bad.push({ path: "--cite", message: "a confirmed finding needs at least one citation into a dump" });
    if (bad.length)
      throw new CtrlhuntError("CTRLHUNT_LINT_FAILED", "cannot confirm without resolving citations", {
        issues: bad,
      });
  }
  const dumps = [...new Set(citations.map((c) => c.dump.replace(/#\d+$/, "")))];
  const finding = store.addFinding(req.project, {
    dimensions: [],
    ...req.draft,
    status,
    scenario: rel(req.draft.scenario)!,
    variant: rel(req.draft.variant),
    citations,
    baselineHashes: req.draft.baselineHashes ?? [...new Set(cited.map((c) => c.terminal))],
    reproduction: req.draft.reproduction ?? `ctrlhunt analyze states ${dumps.join(" ")}`.trim(),
  } as NewFinding);
  return (req.keep ?? status === "confirmed") && citations.length
    ? store.keepEvidence(req.project, finding.id)
    : finding;
}
