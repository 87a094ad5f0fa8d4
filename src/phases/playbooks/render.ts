import Handlebars from "handlebars";
import type { PlaybookContext } from "./context.ts";
import type { Playbook } from "./playbook.ts";

// Markdown, not HTML: no escaping. A private instance keeps helpers from leaking into other rooms' templates.
const hb = Handlebars.create();

/** The playbook body rendered with a context (project facts or placeholders). */
export function renderPlaybook(pb: Playbook, ctx: PlaybookContext): string {
  const body = hb.compile(pb.body, { noEscape: true })(ctx);
  return `${body.replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
