import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Command } from "commander";
import {
  decideInvariant,
  listInvariantRecords,
  openEvidenceStore,
  readInvariantRecord,
} from "../../evidence/index.ts";
import { type InvariantRecord, InvariantRule } from "../../formats/invariant-record.ts";
import { addInvariantProposal, proposeInvariantsInWorkspace } from "../../phases/invariants/index.ts";
import { clockFromEnv, findWorkspaceRoot, parseRecordText, validateRecord } from "../../workspace/index.ts";
import { type CliContext, printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

type Common = { workspace?: string; json?: boolean };

/** A hand-written proposal file. */
const InvariantDraft = z.strictObject({
  rule: InvariantRule,
  rationale: z.string().min(10),
  name: z.string().min(5).optional(),
});

const rootOf = (ctx: CliContext, o: Common) =>
  o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);
const common = (cmd: Command) =>
  cmd
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print JSON");

const line = (r: InvariantRecord) => `${r.id}  ${r.status.padEnd(8)}  ${r.name}  (${r.source})`;

/** `ctrlhunt invariant propose|list|show|accept|reject`: proposed invariants and a person's decision on them. */
export const registerInvariantCommands: RegisterCommands = (program, ctx) => {
  const inv = program
    .command("invariant")
    .description(
      "Invariants proposed from the reference trace: list, show, accept, reject (only accepted ones judge)",
    )
    .addHelpText(
      "after",
      '\nExamples:\n  $ ctrlhunt invariant propose shop\n  $ ctrlhunt invariant list shop --status proposed\n  $ ctrlhunt invariant accept shop I2\n  $ ctrlhunt invariant reject shop I3 --reason "replicas may differ by design"\n',
    );

  common(
    inv
      .command("propose")
      .description(
        "Propose invariants from the converged reference states and the surface map (generic heuristics)",
      )
      .argument("<project>", "project name"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt invariant propose shop\n  $ ctrlhunt invariant propose shop --json\n",
    )
    .action((project: string, o: Common) => {
      const root = rootOf(ctx, o);
      const clock = clockFromEnv(ctx.env);
      const res = proposeInvariantsInWorkspace({
        root,
        project,
        store: openEvidenceStore(root, { clock }),
        clock,
      });
      if (o.json) printJson(ctx, res);
      else
        ctx.io.out(
          [
            `${res.added.length} new proposal(s) from ${res.states} converged reference state(s)`,
            ...res.added.map(line),
          ].join("\n"),
        );
    });

  common(
    inv
      .command("add")
      .description(
        "Propose one invariant written by hand (YAML/JSON: rule, rationale, name?); it must hold in the reference",
      )
      .argument("<project>", "project name")
      .requiredOption("--from <file>", "the proposal: {rule: {...}, rationale: ..., name?: ...}"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt invariant add shop --from invariants/order-has-configmap.yaml\n\nThe rule forms: exists-iff-owner-exists, field-compare, field-equals, child-count, condition-aggregate,\nno-deletion-timestamp (see src/formats/invariant-record.ts).\n",
    )
    .action((project: string, o: Common & { from: string }) => {
      const root = rootOf(ctx, o);
      const clock = clockFromEnv(ctx.env);
      const file = path.resolve(ctx.cwd, o.from);
      const draft = validateRecord(
        InvariantDraft,
        parseRecordText(fs.readFileSync(file, "utf8"), file),
        file,
      );
      const r = addInvariantProposal(
        { root, project, store: openEvidenceStore(root, { clock }), clock },
        { ...draft, source: "user" },
      );
      if (o.json) printJson(ctx, r ?? { unchanged: true });
      else ctx.io.out(r ? line(r) : "this rule is already on file");
    });

  common(
    inv
      .command("list")
      .description("List a project's invariants")
      .argument("<project>", "project name")
      .option("--status <status>", "proposed | accepted | rejected"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt invariant list shop\n  $ ctrlhunt invariant list shop --status accepted --json\n",
    )
    .action((project: string, o: Common & { status?: string }) => {
      const list = listInvariantRecords(rootOf(ctx, o), project).filter(
        (r) => !o.status || r.status === o.status,
      );
      if (o.json) printJson(ctx, list);
      else ctx.io.out(list.length ? list.map(line).join("\n") : "no invariants recorded");
    });

  common(
    inv
      .command("show")
      .description("Show one invariant")
      .argument("<project>", "project name")
      .argument("<id>", "I<n>"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt invariant show shop I2\n  $ ctrlhunt invariant show shop I2 --json\n",
    )
    .action((project: string, id: string, o: Common) => {
      const r = readInvariantRecord(rootOf(ctx, o), project, id);
      if (o.json) printJson(ctx, r);
      else
        ctx.io.out(
          [
            `${r.id} (${r.status}): ${r.name}`,
            `rule: ${JSON.stringify(r.rule)}`,
            `why proposed: ${r.rationale} (${r.source})`,
            ...(r.reason ? [`decision: ${r.reason}`] : []),
            ...r.citations.map((c) => `  cites ${c.dump}@${c.stateId}/${c.pathIndex}/${c.stepIndex}`),
          ].join("\n"),
        );
    });

  for (const [verb, status] of [
    ["accept", "accepted"],
    ["reject", "rejected"],
  ] as const)
    common(
      inv
        .command(verb)
        .description(
          verb === "accept"
            ? "Accept an invariant: it judges every converged terminal state from now on"
            : "Reject an invariant: it never judges and is never proposed again",
        )
        .argument("<project>", "project name")
        .argument("<id>", "I<n>")
        .option("--reason <text>", "why"),
    )
      .addHelpText(
        "after",
        `\nExamples:\n  $ ctrlhunt invariant ${verb} shop I2${verb === "reject" ? ' --reason "replicas may differ by design"' : ""}\n`,
      )
      .action((project: string, id: string, o: Common & { reason?: string }) => {
        const r = decideInvariant(rootOf(ctx, o), project, id, status, o.reason, clockFromEnv(ctx.env));
        if (o.json) printJson(ctx, r);
        else ctx.io.out(`${r.id} ${r.status}: ${r.name}`);
      });
};
