import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, isCtrlhuntError } from "../errors/index.ts";
import type { CampaignHypotheses, CampaignHypothesis, PinnedFile } from "../formats/campaign.ts";
import type { Hypothesis } from "../formats/records.ts";
import {
  baselineRunOf,
  type HypothesisEnv,
  type HypothesisTarget,
  prepareHypothesisRun,
} from "../hypotheses/index.ts";
import { sha256Text } from "./layout.ts";

/** `--hypotheses`: explicit ids, every hypothesis of the project, or those still unverified. */
export type HypothesisSelector = { ids: string[] } | "all" | "pending";

const usage = (message: string) =>
  new CtrlhuntError("CTRLHUNT_USAGE", message, { issues: [{ path: "--hypotheses", message }] });

/** Parse `--hypotheses H3,H5 | all | pending`. */
export function parseHypothesisSelector(text: string): HypothesisSelector {
  const t = text.trim();
  if (t === "all" || t === "pending") return t;
  const ids = [...new Set(t.split(",").map((s) => s.trim()))].filter((s) => s !== "");
  if (ids.length === 0) throw usage(`"${text}" names no hypothesis: give ids (H3,H5), all or pending`);
  return { ids };
}

/**
 * The ids a selector names, in the order they are planned and judged: as given, or the ledger's order. `pending`
 * is what a hunt would test next (unverified); every other status was judged (or blocked) already.
 */
export function selectHypotheses(
  hs: readonly Hypothesis[],
  sel: HypothesisSelector,
  project: string,
): string[] {
  if (sel === "all") return hs.map((h) => h.id);
  if (sel === "pending") return hs.filter((h) => h.status === "unverified").map((h) => h.id);
  const unknown = sel.ids.filter((id) => !hs.some((h) => h.id === id));
  if (unknown.length)
    throw usage(
      `no hypothesis ${unknown.join(", ")} in project ${project} (${hs.length ? `has: ${hs.map((h) => h.id).join(", ")}` : "it has none; see `ctrlhunt hypothesis add` or `ctrlhunt hunt`"})`,
    );
  return sel.ids;
}

const pin = (root: string, file: string): PinnedFile => ({
  file,
  sha256: sha256Text(fs.readFileSync(path.resolve(root, file))),
});

/** What a shard needs to run the variant, and what the judge needs at collect: the baseline's dumps, pinned. */
function pinned(env: HypothesisEnv, t: HypothesisTarget, baseline: { runId: string; dumps: string[] }) {
  const item: CampaignHypothesis = {
    id: t.hypothesis.id,
    type: t.hypothesis.type,
    explored: t.explored,
    exploredSha256: pin(env.root, t.explored).sha256,
    scenarioName: t.exploredScenario.name,
    // The order a local `hypothesis run` makes them: the variant explored, then its own reference.
    modes: t.ownReference ? ["exploration", "reference"] : ["exploration"],
    baseline: { runId: baseline.runId, dumps: baseline.dumps.map((d) => pin(env.root, d)) },
  };
  return item;
}

/**
 * Prepare each selected hypothesis exactly as `hypothesis run` would before exploring (a variant planned when it
 * has none, the baseline reference found or run and recorded), and pin the result. A hypothesis named by id whose
 * preflight fails stops the plan, as a local run stops; `all` / `pending` leave it out and say why.
 */
export async function planHypotheses(
  env: HypothesisEnv,
  project: string,
  sel: HypothesisSelector,
  timeoutMs?: number,
): Promise<CampaignHypotheses> {
  const ids = selectHypotheses(env.store.listHypotheses(project), sel, project);
  if (ids.length === 0)
    throw usage(`project ${project} has no ${sel === "pending" ? "unverified " : ""}hypotheses`);
  const items: CampaignHypothesis[] = [];
  const skipped: CampaignHypotheses["skipped"] = [];
  for (const id of ids) {
    let target: HypothesisTarget;
    try {
      target = await prepareHypothesisRun(env, project, id);
    } catch (e) {
      if (typeof sel === "object" || !isCtrlhuntError(e) || e.code !== "CTRLHUNT_PREFLIGHT_FAILED") throw e;
      skipped.push({ id, reason: [e.message, ...e.issues.map((i) => i.message)].join("; ") });
      continue;
    }
    items.push(pinned(env, target, await baselineRunOf(env, project, target.base)));
  }
  if (items.length === 0)
    throw new CtrlhuntError("CTRLHUNT_PREFLIGHT_FAILED", `no selected hypothesis of ${project} can run`, {
      issues: skipped.map((s) => ({ path: s.id, message: s.reason })),
    });
  return { items, skipped, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}
