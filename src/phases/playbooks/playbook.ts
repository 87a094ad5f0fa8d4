import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { z } from "zod";
import { CtrlhuntError, formatPath } from "../../errors/index.ts";
import { PhaseName } from "../registry.ts";

/** playbooks/<phase>.md: YAML front matter + a handlebars body (the phase's checklists and decision trees). */
export const PlaybookFrontMatter = z.object({
  name: PhaseName,
  description: z.string().min(20),
  inputs: z.array(z.string()).min(1),
  outputs: z.array(z.string()).min(1),
  tools: z.array(z.string()).min(1).describe("agent tools the phase may use"),
  commands: z.array(z.string()).min(1).describe("CLI commands (space-separated paths) the phase may call"),
});
export type PlaybookFrontMatter = z.infer<typeof PlaybookFrontMatter>;

export interface Playbook {
  file: string;
  meta: PlaybookFrontMatter;
  /** handlebars source of the body */
  body: string;
}

/** The playbooks shipped with ctrlhunt. */
export const PLAYBOOK_DIR = fileURLToPath(new URL("../../../playbooks/", import.meta.url));

export function parsePlaybook(text: string, file: string): Playbook {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/\r\n/g, "\n"));
  if (!m)
    throw new CtrlhuntError("CTRLHUNT_RECORD_INVALID", `${file}: playbook has no front matter`, {
      issues: [{ file, path: "", message: "expected a `---` YAML front matter block first" }],
    });
  const res = PlaybookFrontMatter.safeParse(YAML.parse(m[1]));
  if (!res.success)
    throw new CtrlhuntError("CTRLHUNT_RECORD_INVALID", `${file}: invalid playbook front matter`, {
      issues: res.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })),
    });
  return { file, meta: res.data, body: m[2] };
}

/** Every playbook in `dir`, in file-name order. */
export function loadPlaybooks(dir = PLAYBOOK_DIR): Playbook[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => parsePlaybook(fs.readFileSync(path.join(dir, f), "utf8"), path.join(dir, f)));
}

export function loadPlaybook(name: PhaseName, dir = PLAYBOOK_DIR): Playbook {
  const file = path.join(dir, `${name}.md`);
  if (!fs.existsSync(file))
    throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `no playbook for phase ${name} (${file})`);
  return parsePlaybook(fs.readFileSync(file, "utf8"), file);
}
