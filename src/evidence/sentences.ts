import { INFERRED_LABEL } from "../formats/records.ts";

/**
 * The evidence rule at sentence grain (explained findings, issue 16): every sentence of a Mechanism or Fix either
 * cites a trace step as [Cn] of the finding's citations or carries the inferred label.
 */

const CITE = /\[C(\d+)\]/g;

/** Sentences of a text: split after . ! ? followed by space and a capital, a quote or a bracket. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((p) => p.trim().split(/(?<=[.!?])\s+(?=[A-Z"[(`])/))
    .map((s) => s.trim())
    .filter((s) => s !== "" && s !== INFERRED_LABEL);
}

/** Problems of one text: sentences with neither a valid citation nor the label (a labelled paragraph covers its sentences). */
export function unbackedSentences(text: string, citations: number): string[] {
  const problems: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    if (para.includes(INFERRED_LABEL)) continue;
    for (const s of sentencesOf(para)) {
      const refs = [...s.matchAll(CITE)].map((m) => Number(m[1]));
      const bad = refs.filter((n) => n < 1 || n > citations);
      if (bad.length)
        problems.push(
          `"${s}" cites ${bad.map((n) => `[C${n}]`).join(", ")}, but the finding has ${citations} citation(s)`,
        );
      else if (refs.length === 0)
        problems.push(
          `"${s}" neither cites a step [C1]…[C${Math.max(1, citations)}] nor carries "${INFERRED_LABEL}"`,
        );
    }
  }
  return problems;
}
