export { GENERIC_CONTEXT, type PlaybookContext, projectContext, workspacePlaybookDir } from "./context.ts";
export {
  loadPlaybook,
  loadPlaybooks,
  PLAYBOOK_DIR,
  type Playbook,
  PlaybookFrontMatter,
  parsePlaybook,
} from "./playbook.ts";
export { renderPlaybook } from "./render.ts";
export { type CommandHelp, type ExportedSkill, exportSkills, skillMarkdown } from "./skills.ts";
