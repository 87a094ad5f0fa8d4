import { countedStatus } from "../../../evidence/index.ts";
import { writeProjectReport, writeRollupReport } from "../../../report/index.ts";
import { relativeToWorkspace } from "../../../workspace/index.ts";
import type { PhaseStep } from "../context.ts";
import { agentPass } from "./agent-step.ts";

/** Phase H: render ANALYSIS.md from the records (the lint runs first and refuses unbacked claims). */
export const reportStep: PhaseStep = async (ctx) => {
  const doc = await writeProjectReport(ctx.root, ctx.project);
  return {
    summary: [`rendered ${relativeToWorkspace(ctx.root, doc.file)} (${doc.warnings.length} lint warning(s))`],
    outputs: [relativeToWorkspace(ctx.root, doc.file)],
  };
};

/**
 * Phase K: with a model, a report pass first (it may refine the explained findings from the controller source;
 * every sentence stays cited or labelled); then ANALYSIS.md with the outcomes, and BUG-FINDINGS.md across projects.
 */
export const rollupStep: PhaseStep = async (ctx) => {
  const confirmed = ctx.store.listFindings(ctx.project).some((f) => f.status === "confirmed");
  const agent = confirmed ? await agentPass(ctx, "report") : undefined;
  if (agent?.stopped) return { summary: [agent.line], outputs: [], stopped: agent.stopped };
  // Evidence is kept compressed (~20× smaller); citations and run records follow the files.
  const packed = ctx.store.compressRuns(ctx.project);
  const analysis = await writeProjectReport(ctx.root, ctx.project);
  const rollup = await writeRollupReport(ctx.root);
  const findings = ctx.store.listFindings(ctx.project);
  const by = (s: string) => findings.filter((f) => countedStatus(f) === s).length;
  return {
    summary: [
      ...(agent ? [agent.line] : []),
      `findings: ${by("confirmed")} confirmed, ${by("fixed")} fixed, ${by("negative")} negative, ${by("observation")} observation, ${by("retracted")} retracted`,
      `rendered ${relativeToWorkspace(ctx.root, analysis.file)} and ${relativeToWorkspace(ctx.root, rollup.file)}`,
      ...(packed.files > 0
        ? [
            `compressed ${packed.files} run dump(s): ${(packed.before / 1e6).toFixed(1)} MB → ${(packed.after / 1e6).toFixed(1)} MB`,
          ]
        : []),
    ],
    outputs: [relativeToWorkspace(ctx.root, analysis.file), relativeToWorkspace(ctx.root, rollup.file)],
  };
};
