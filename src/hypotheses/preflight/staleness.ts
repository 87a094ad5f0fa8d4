import type { StalenessInterval } from "../../formats/workflow.ts";
import { calibrateStalenessWindow, kindFrontiers } from "../calibration.ts";
import type { ReferenceFacts } from "../reference-facts.ts";
import type { PreflightIssue } from "../types.ts";
import type { Check, CheckContext } from "./context.ts";

/** "e.g. staleAt=S, catchUpAt=C" from calibration, or why there is nothing to suggest. */
function suggestion(facts: ReferenceFacts, iv: StalenessInterval): string {
  const w = calibrateStalenessWindow(facts, iv.reconciler, iv.kind);
  if (w.ok) return `e.g. staleAt=${w.value.staleAt}, catchUpAt=${w.value.catchUpAt}`;
  return `but ${w.issue.message}`;
}

function checkInterval(ctx: CheckContext, iv: StalenessInterval, i: number): PreflightIssue[] {
  const { facts } = ctx;
  const path = `tuning.stalenessIntervals[${i}]`;
  const initial = facts.initialKindSeq[iv.kind] ?? 0;
  const values = [...new Set([initial, ...kindFrontiers(facts, iv.kind)])].sort((a, b) => a - b);
  const issue = (message: string, severity?: "warning"): PreflightIssue => ({
    check: "staleness-window",
    path,
    message,
    ...(severity ? { severity } : {}),
  });
  if (initial >= iv.catchUpAt)
    return [
      issue(
        `window expired before the run started: initial ${iv.kind} sequence is ${initial} ≥ catchUpAt ${iv.catchUpAt}; choose catchUpAt > ${initial}, ${suggestion(facts, iv)}`,
      ),
    ];
  const inside = values.filter((v) => v >= iv.staleAt && v < iv.catchUpAt);
  if (inside.length === 0)
    return [
      issue(
        `window [${iv.staleAt}, ${iv.catchUpAt}) is never entered: ${iv.kind} takes sequences ${values.join(", ")} on the reference path; choose a window containing one of them, ${suggestion(facts, iv)}`,
      ),
    ];
  const issues: PreflightIssue[] = [];
  const pinned = iv.freezeAt ?? iv.staleAt;
  if (iv.lag === -1 && !inside.some((v) => v > pinned))
    issues.push(
      issue(
        `${iv.kind} is not written while the window is open (sequences ${values.join(", ")}), so ${iv.reconciler}'s stale view equals the current one; ${suggestion(facts, iv)}`,
        "warning",
      ),
    );
  const deps = ctx.dependencies?.[iv.reconciler];
  if (deps && !deps.includes(iv.kind))
    issues.push(
      issue(
        `${iv.reconciler} does not declare ${iv.kind} (for/owns/watches/reads: ${deps.join(", ") || "none"}); a stale view of a kind it never reads changes nothing`,
        "warning",
      ),
    );
  const actionWrites = facts.steps.filter(
    (s) => s.actionIndex !== undefined && s.kindSeqAfter[iv.kind] === iv.catchUpAt,
  );
  if (actionWrites.length > 0)
    issues.push(
      issue(
        `catchUpAt ${iv.catchUpAt} is the sequence of the user action at step ${actionWrites[0]?.index}: the window closes exactly when the action under test lands; choose catchUpAt > ${iv.catchUpAt}`,
        "warning",
      ),
    );
  return issues;
}

/** Pre-flight 3: every staleness window is live at the initial KindSequence and entered on the reference path. */
export const stalenessWindow: Check = (ctx) =>
  (ctx.tuning.stalenessIntervals ?? []).flatMap((iv, i) => checkInterval(ctx, iv, i));
