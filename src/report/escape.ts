/**
 * Markdown-safe rendering of user strings (titles, claims, notes, controller ids …). Every value a template prints
 * goes through one of these, so a `|` cannot split a table, a backtick cannot open a code span, `<script>` stays
 * text and a newline cannot end a table row or start a heading.
 */

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Verbatim tokens kept unescaped (workflow §7 labels, `[C1]` citation references) unless they would form a link. */
const VERBATIM: Array<[RegExp, (m: string) => string]> = [
  [/\\\[(Inferred from code, not observed in trace|C\d+)\\\](?![(:[])/g, (m) => m.replace(/\\/g, "")],
  [/\\\*Inferred from code:\\\*/g, () => "*Inferred from code:*"],
];

/** Characters with inline meaning in CommonMark/GFM, escaped with a backslash (HTML ones as entities). */
function escapeChars(s: string): string {
  let out = s.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`).replace(/[&<>]/g, (c) => ENTITY[c]);
  for (const [re, fix] of VERBATIM) out = out.replace(re, fix);
  return out;
}

const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** One line of text (headings, list items, running text): newlines collapse to spaces. */
export function inline(v: unknown): string {
  return escapeChars(
    text(v)
      .replace(/\s*\r?\n\s*/g, " ")
      .trim(),
  );
}

/** A table cell: like inline, but newlines become `<br>` so a multi-line note stays in its row. */
export function cell(v: unknown): string {
  const lines = text(v)
    .trim()
    .split(/\r?\n/)
    .map((l) => escapeChars(l.trim()));
  return lines.join("<br>");
}

/**
 * A multi-paragraph block (summary, mechanism, impact): line structure and `-`/`1.` lists survive; a leading `#`
 * (heading), `>` (quote), `---`/`===` (setext underline) or fence marker cannot take effect.
 */
export function block(v: unknown): string {
  return text(v)
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const esc = escapeChars(line);
      if (/^\s*#/.test(line) || /^\s*(-{3,}|={2,}|\+)\s*$/.test(line)) return esc.replace(/^(\s*)/, "$1\\");
      return esc;
    })
    .join("\n");
}

/** An inline code span that survives any backticks inside (fence one longer than the longest run). */
export function code(v: unknown): string {
  const s = text(v)
    .replace(/\s*\r?\n\s*/g, " ")
    .replace(/\|/g, "\\|");
  if (s === "") return "";
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in the content. */
export function fenced(v: unknown, lang = ""): string {
  const s = text(v).replace(/\s+$/, "");
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${s}\n${fence}`;
}
