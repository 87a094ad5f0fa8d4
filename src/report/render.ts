import { visible } from "../formats/visible-text.ts";
import type { AnalysisModel } from "./analysis-model.ts";
import { mergeHandRegions } from "./hand-regions.ts";
import type { RollupModel } from "./rollup-model.ts";
import { documentTemplates } from "./templates.ts";

/** The last line of every generated document: a reader can tell a whole document from a cut one. */
export const END_MARKER = "<!-- end of generated document -->";

/** Tidy template output: no trailing spaces, at most one blank line in a row, one final newline. */
function tidy(text: string): string {
  return `${visible(text)
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** Render ANALYSIS.md from its model; `previous` is the document on disk (its hand regions are kept). Pure. */
export function renderAnalysis(model: AnalysisModel, previous?: string): string {
  return mergeHandRegions(previous, tidy(documentTemplates().analysis(model)), END_MARKER);
}

/** Render BUG-FINDINGS.md from its model, keeping the hand regions of `previous`. Pure. */
export function renderRollup(model: RollupModel, previous?: string): string {
  return mergeHandRegions(previous, tidy(documentTemplates().rollup(model)), END_MARKER);
}
