/**
 * Hand-written regions: text between `<!-- hand:NAME:start -->` and `<!-- hand:NAME:end -->` in a generated
 * document is the author's and survives regeneration. A region the new document no longer has is kept at the
 * end (never dropped), so regeneration cannot lose hand-written text.
 */

const REGION = /<!-- hand:([A-Za-z0-9_.-]+):start -->\n?([\s\S]*?)<!-- hand:\1:end -->/g;

export const handStart = (name: string) => `<!-- hand:${name}:start -->`;
export const handEnd = (name: string) => `<!-- hand:${name}:end -->`;

/** name → content (the text between the markers) of every region in a document. */
export function handRegions(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of doc.matchAll(REGION)) if (!out.has(m[1])) out.set(m[1], m[2]);
  return out;
}

export const ORPHANS_HEADING = "## Preserved hand-written notes";

/**
 * Put the previous document's region contents into the freshly rendered one. `beforeTail` is a line of the new
 * document before which orphaned regions are inserted (the end when absent).
 */
export function mergeHandRegions(
  previous: string | undefined,
  rendered: string,
  beforeTail?: string,
): string {
  if (!previous) return rendered;
  const old = handRegions(previous);
  const used = new Set<string>();
  let merged = rendered.replace(REGION, (whole, name: string) => {
    if (!old.has(name) || used.has(name)) return whole;
    used.add(name);
    return `${handStart(name)}\n${old.get(name)}${handEnd(name)}`;
  });
  const orphans = [...old.entries()].filter(([name, content]) => !used.has(name) && content.trim() !== "");
  if (orphans.length === 0) return merged;
  const section = [
    ORPHANS_HEADING,
    "",
    "Regions whose section is no longer generated (kept so no hand-written text is lost):",
    "",
    ...orphans.map(([name, content]) => `${handStart(name)}\n${content}${handEnd(name)}\n`),
  ].join("\n");
  const at = beforeTail ? merged.lastIndexOf(beforeTail) : -1;
  merged =
    at >= 0 ? `${merged.slice(0, at)}${section}\n${merged.slice(at)}` : `${merged.trimEnd()}\n\n${section}`;
  return merged;
}
