import path from "node:path";
import type { Command } from "commander";
import { engineFor } from "../../engine/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import { openEvidenceStore } from "../../evidence/index.ts";
import { Severity } from "../../formats/records.ts";
import {
  addHypothesisToWorkspace,
  type AddFlags,
  formatHypothesis,
  formatHypothesisList,
  formatPlanReport,
  formatRunReport,
  type HypothesisEnv,
  parseAddFlags,
  planHypothesisInWorkspace,
  runHypothesisInWorkspace,
} from "../../hypotheses/index.ts";
import { clockFromEnv, findWorkspaceRoot } from "../../workspace/index.ts";
import { type CliContext, printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

type Common = { workspace?: string; json?: boolean };

function envOf(ctx: CliContext, o: Common): HypothesisEnv {
  const root = o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);
  const clock = clockFromEnv(ctx.env);
  // The engine runs on the command's clock too, so SOURCE_DATE_EPOCH makes its dumps reproducible.
  return { root, store: openEvidenceStore(root, { clock }), engineFor: (p) => engineFor(root, p, { clock }) };
}

const common = (cmd: Command) =>
  cmd
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print JSON");
const usage = (flag: string, message: string) =>
  new CtrlhuntError("CTRLHUNT_USAGE", message, { issues: [{ path: flag, message }], exitCode: 1 });
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `ctrlhunt hypothesis add|list|show|plan|run` (workflow Phase J). */
export const registerHypothesisCommands: RegisterCommands = (program, ctx) => {
  const hyp = program
    .command("hypothesis")
    .description(
      "Hypotheses → perturbation variants → runs → confirmed / refuted / inconclusive / blocked (Phase J)",
    )
    .addHelpText(
      "after",
      '\nExamples:\n  $ ctrlhunt hypothesis add kro-lite --type ordering --controllers A,B --scenario projects/kro-lite/scenarios/k1_race.json --claim "B before A loses the migration"\n  $ ctrlhunt hypothesis plan kro-lite H1\n  $ ctrlhunt hypothesis run kro-lite H1\n',
    );

  common(
    hyp
      .command("add")
      .description("Record an unverified hypothesis about a scenario")
      .argument("<project>", "project name in the workspace")
      .requiredOption("--claim <text>", "what you think happens")
      .requiredOption(
        "--type <type>",
        "ordering | ordering-after-event | ordering-depth-band | staleness | user-action-timing | fault-injection | monte-carlo | unconditional-write",
      )
      .requiredOption("--scenario <file>", "base scenario file (never modified)")
      .option("--scenario-name <name>", "scenario inside the file (default: the first)")
      .option("--controllers <ids>", "target controller IDs, comma-separated")
      .option("--kinds <kinds>", "target kinds (group/Kind), comma-separated")
      .option(
        "--param <key=value>",
        "perturbation parameter (repeatable), e.g. staleAt=4, crashAfterEffect=1",
        collect,
      )
      .option("--predicate <json>", "must hold in every terminal state (repeatable)", collect),
  )
    .addHelpText(
      "after",
      `\nExamples:\n  $ ctrlhunt hypothesis add kro-lite --type ordering --controllers A,B --scenario projects/kro-lite/scenarios/k1_race.json --claim "B before A leaves the ConfigMap owned by B"\n  $ ctrlhunt hypothesis add kro-lite --type staleness --controllers A --kinds core/ConfigMap --param staleAt=4 --param catchUpAt=7 --scenario projects/kro-lite/scenarios/k1_race.json --claim "A acts on a stale ConfigMap"\n  $ ctrlhunt hypothesis add kro-lite --type fault-injection --controllers A --scenario s.json --claim "a crash after the first write orphans the Service" --predicate '{"op":"exists","kind":"core/Service","namespace":"default","name":"app"}'\n`,
    )
    .action((project: string, o: Omit<AddFlags, "scenario"> & Common & { scenario: string }) => {
      const env = envOf(ctx, o);
      const input = parseAddFlags({ ...o, scenario: path.resolve(ctx.cwd, o.scenario) });
      const h = addHypothesisToWorkspace(env, project, input);
      if (o.json) printJson(ctx, h);
      else ctx.io.out(`${h.id} added (unverified); next: ctrlhunt hypothesis plan ${project} ${h.id}\n`);
    });

  common(
    hyp
      .command("list")
      .description("List a project's hypotheses")
      .argument("<project>", "project name")
      .option("--status <status>", "only this status"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt hypothesis list kro-lite\n  $ ctrlhunt hypothesis list kro-lite --status unverified --json\n",
    )
    .action((project: string, o: Common & { status?: string }) => {
      const hs = envOf(ctx, o)
        .store.listHypotheses(project)
        .filter((h) => !o.status || h.status === o.status);
      if (o.json) printJson(ctx, hs);
      else ctx.io.out(formatHypothesisList(hs));
    });

  common(
    hyp
      .command("show")
      .description("Show one hypothesis record")
      .argument("<project>", "project name")
      .argument("<id>", "hypothesis ID, e.g. H3"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt hypothesis show kro-lite H3\n  $ ctrlhunt hypothesis show kro-lite H3 --json\n",
    )
    .action((project: string, id: string, o: Common) => {
      const h = envOf(ctx, o).store.readHypothesis(project, id);
      if (o.json) printJson(ctx, h);
      else ctx.io.out(formatHypothesis(h));
    });

  common(
    hyp
      .command("plan")
      .description(
        "Calibrate from the reference dump, run the preflight checklist, write <stem>-hypothesis-<N>.json (exit 1 when preflight fails)",
      )
      .argument("<project>", "project name")
      .argument("<id>", "hypothesis ID")
      .option(
        "--reference-run <run-id>",
        "calibrate from this recorded run (default: latest reference run of the scenario, or run one)",
      ),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt hypothesis plan kro-lite H3\n  $ ctrlhunt hypothesis plan kro-lite H3 --reference-run R4 --json\n",
    )
    .action(async (project: string, id: string, o: Common & { referenceRun?: string }) => {
      const r = await planHypothesisInWorkspace(envOf(ctx, o), project, id, {
        referenceRunId: o.referenceRun,
      });
      if (o.json) printJson(ctx, r);
      else ctx.io.out(formatPlanReport(r));
      if (!r.plan.ok) ctx.exitCode = 1;
    });

  common(
    hyp
      .command("run")
      .description(
        "Explore the variant (plus its reference run, unless that is the same search), judge the outcome from the dumps, record it; a confirmation files a finding",
      )
      .argument("<project>", "project name")
      .argument("<id>", "hypothesis ID")
      .option(
        "--timeout <seconds>",
        "stop exploring after this long (a partial run is judged inconclusive unless it already shows evidence)",
      )
      .option("--severity <P>", "severity of the finding filed on confirmation: P0 | P1 | P2 | P3", "P2"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt hypothesis run kro-lite H3\n  $ ctrlhunt hypothesis run kro-lite H3 --timeout 120 --severity P1 --json\n",
    )
    .action(async (project: string, id: string, o: Common & { timeout?: string; severity: string }) => {
      const severity = Severity.safeParse(o.severity.toUpperCase());
      const seconds = o.timeout === undefined ? undefined : Number(o.timeout);
      if (!severity.success) throw usage("--severity", `"${o.severity}" is not one of P0, P1, P2, P3`);
      if (seconds !== undefined && !(seconds > 0))
        throw usage("--timeout", `"${o.timeout}" is not a positive number of seconds`);
      const timeoutMs = seconds === undefined ? undefined : Math.round(seconds * 1000);
      const r = await runHypothesisInWorkspace(envOf(ctx, o), project, id, {
        timeoutMs,
        severity: severity.data,
      });
      if (o.json) printJson(ctx, r);
      else ctx.io.out(formatRunReport(r));
    });
};
