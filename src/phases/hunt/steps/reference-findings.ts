import { resolveCitations } from "../../../analysis/index.ts";
import type { Finding } from "../../../formats/records.ts";
import type { RunRecord } from "../../../formats/run-record.ts";
import {
  type Evidence,
  judgeChecks,
  judgeReference,
  loadProjectChecks,
  loadRunDumps,
} from "../../../hypotheses/index.ts";
import type { HuntContext } from "../context.ts";
import type { BaseScenario } from "./explore.ts";

/** The identity of an every-path bug: scenario + evidence kind + invariants or failure text. */
const signature = (scenario: string, ev: Pick<Evidence, "kind" | "symptom" | "citations">) =>
  `${scenario}|${ev.kind}|${ev.symptom.invariants.join(",")}|${ev.kind === "error" ? (ev.citations[0]?.note ?? "") : ""}`;

const findingSignature = (f: Finding) =>
  f.symptom
    ? signature(f.scenario, { kind: f.symptom.kind, symptom: f.symptom, citations: f.citations })
    : "";

function everyPathFinding(
  ctx: HuntContext,
  scenario: BaseScenario,
  run: RunRecord,
  ev: Evidence,
  confirmed: boolean,
) {
  const what = ev.reason.replace(/^the reference run itself /, "");
  return {
    title: confirmed
      ? `Without any perturbation, the reference path of ${scenario.name} ${what}`
      : `Observation: the reference path of ${scenario.name} ${what}`,
    severity: confirmed ? ("P1" as const) : ("P3" as const),
    status: confirmed ? ("confirmed" as const) : ("observation" as const),
    dimensions: ["pure-logic" as const],
    hitRate: ev.hitRate,
    citations: ev.citations,
    scenario: scenario.file,
    summary: `No perturbation is needed: ${ev.reason}.`,
    ...(confirmed
      ? {
          impact:
            "Permanent: the plain run of the scenario ends wrong — no race, crash or stale cache is needed — and stays wrong until someone intervenes.",
        }
      : {
          whyNotABug:
            "The controller keeps failing on purpose (not a runtime error of its code): if the scenario lacks what it waits for, add it to environmentState; if it should not wait, this is a bug.",
        }),
    reproduction: `ctrlhunt explore ${ctx.project} --inputs ${scenario.file} --mode reference --output ${ctx.project}-repro`,
    runs: [run.runId],
    baselineHashes: [],
    symptom: ev.symptom,
  };
}

/**
 * Bugs without any perturbation: the reference run of each base scenario judged on its own —
 * violated invariants and failures that never heal become confirmed `pure-logic` findings, once per signature.
 */
export async function recordReferenceFindings(
  ctx: HuntContext,
  runs: ReadonlyArray<{ scenario: BaseScenario; run: RunRecord }>,
): Promise<string[]> {
  const checks = judgeChecks(await loadProjectChecks(ctx.root, ctx.project));
  const summary: string[] = [];
  for (const { scenario, run } of runs) {
    if (run.mode !== "reference") continue;
    const judged = judgeReference(loadRunDumps(ctx.root, run, scenario.name), checks);
    const all = [
      ...judged.confirmed.map((ev) => ({ ev, confirmed: true })),
      ...judged.observations.map((ev) => ({ ev, confirmed: false })),
    ];
    for (const { ev, confirmed } of all) {
      if (resolveCitations(ctx.root, ev.citations).some((r) => !r.ok)) continue;
      const sig = signature(scenario.file, ev);
      if (ctx.store.listFindings(ctx.project).some((f) => findingSignature(f) === sig)) continue;
      const f = ctx.store.addFinding(ctx.project, everyPathFinding(ctx, scenario, run, ev, confirmed));
      if (confirmed) ctx.store.keepEvidence(ctx.project, f.id);
      summary.push(`${f.id} ${f.status} on the reference path of ${scenario.name}: ${ev.reason}`);
    }
  }
  return summary;
}
