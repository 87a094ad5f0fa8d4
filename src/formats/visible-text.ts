/**
 * Text from files (claims, descriptions, object names, controller messages) shown to people: control characters
 * other than tab and newline become visible `\x1b`-style escapes, so an ESC or BEL in a record cannot clear a
 * terminal, move its cursor or hide text in a markdown document.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === "\r") return "\r"; // CRLF line ends stay (markdown and terminals treat them as line ends)
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
