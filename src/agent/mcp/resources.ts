import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import { listProjects, relativeToWorkspace, workspacePaths } from "../../workspace/index.ts";

/**
 * Records and generated documents as MCP resources, addressed `ctrlhunt:///<workspace-relative path>`. Only the
 * ledger is readable this way (evidence/ records and documents, hypotheses/, surface maps): never run dumps, never
 * anything outside the workspace.
 */

export const RESOURCE_SCHEME = "ctrlhunt:///";

const READABLE = [
  /^evidence\/BUG-FINDINGS\.md$/,
  /^evidence\/[^/]+\/ANALYSIS\.md$/,
  /^evidence\/[^/]+\/(findings|invariants|reruns)\/[^/]+\.(json|ya?ml)$/,
  /^hypotheses\/[^/]+\/[^/]+\.yaml$/,
  /^projects\/[^/]+\/surface-map\.json$/,
];

export interface ResourceEntry {
  uri: string;
  name: string;
  mimeType: string;
}

const mimeOf = (rel: string) =>
  rel.endsWith(".md") ? "text/markdown" : rel.endsWith(".json") ? "application/json" : "application/yaml";

const entry = (rel: string): ResourceEntry => ({
  uri: `${RESOURCE_SCHEME}${rel}`,
  name: rel,
  mimeType: mimeOf(rel),
});

function filesIn(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  return fs.existsSync(abs)
    ? fs
        .readdirSync(abs)
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];
}

/** Every readable record and document of the workspace, projects in name order. */
export function listResources(root: string): ResourceEntry[] {
  const rels = ["evidence/BUG-FINDINGS.md"];
  for (const p of listProjects(root).map((x) => x.name)) {
    rels.push(`evidence/${p}/ANALYSIS.md`, `projects/${p}/surface-map.json`);
    for (const sub of ["findings", "invariants", "reruns"])
      rels.push(...filesIn(root, `evidence/${p}/${sub}`));
    rels.push(...filesIn(root, `hypotheses/${p}`));
  }
  return rels
    .filter((r) => READABLE.some((re) => re.test(r)) && fs.existsSync(path.join(root, r)))
    .map(entry);
}

/** The text of one resource; a URI outside the ledger is refused with the reason. */
export function readResource(root: string, uri: string): ResourceEntry & { text: string } {
  if (!uri.startsWith(RESOURCE_SCHEME))
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${uri}: resources are addressed ${RESOURCE_SCHEME}<path>`);
  const rel = relativeToWorkspace(
    root,
    path.resolve(workspacePaths(root).root, decodeURIComponent(uri.slice(RESOURCE_SCHEME.length))),
  );
  if (!READABLE.some((re) => re.test(rel)))
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${uri}: not a readable record or document of this workspace`);
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `${uri}: no such resource (yet)`);
  return { ...entry(rel), text: fs.readFileSync(file, "utf8") };
}
