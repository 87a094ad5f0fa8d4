import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import type { Citation } from "../formats/citation.ts";
import { InvariantRecord, type InvariantRule } from "../formats/invariant-record.ts";
import { compileInvariant, type Invariant } from "../invariants/index.ts";
import { type Clock, allocateId, idsInFolder, readRecord, writeRecord } from "../workspace/index.ts";
import { compareIds, locked, notFound, type StoreContext, storeContext, storePaths } from "./context.ts";

/**
 * Proposed invariants as records, evidence/<project>/invariants/I<n>.yaml: a heuristic or a model proposes, a
 * person accepts or rejects, and only accepted ones judge (`acceptedInvariants`). A rule once proposed is never
 * proposed again, so a rejection sticks.
 */

function dirOf(ctx: StoreContext, project: string): string {
  return path.join(storePaths(ctx, project).evidence, "invariants");
}

const fileOf = (ctx: StoreContext, project: string, id: string) =>
  path.join(dirOf(ctx, project), `${id}.yaml`);

export function listInvariantRecords(root: string, project: string): InvariantRecord[] {
  const ctx = storeContext(root);
  const dir = dirOf(ctx, project);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^I\d+\.yaml$/.test(f))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort(compareIds)
    .map((id) => readRecord(InvariantRecord, fileOf(ctx, project, id)));
}

export function readInvariantRecord(root: string, project: string, id: string): InvariantRecord {
  const ctx = storeContext(root);
  if (!/^I\d+$/.test(id)) throw new CtrlhuntError("CTRLHUNT_USAGE", `invalid invariant id "${id}" (I<n>)`);
  const file = fileOf(ctx, project, id);
  if (!fs.existsSync(file)) throw notFound("invariant", id, project);
  return readRecord(InvariantRecord, file);
}

/** Stable identity of a rule (key order does not matter). */
export function ruleKey(rule: InvariantRule): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(rule));
}

export interface NewInvariant {
  name: string;
  rule: InvariantRule;
  rationale: string;
  source: string;
  citations?: Citation[];
}

/** Record proposals whose rule is not on file yet (in any status); returns the new records. */
export function proposeInvariantRecords(
  root: string,
  project: string,
  proposals: readonly NewInvariant[],
  clock: Clock,
): InvariantRecord[] {
  const ctx = storeContext(root, { clock });
  return locked(ctx, () => {
    const known = new Set(listInvariantRecords(root, project).map((r) => ruleKey(r.rule)));
    const added: InvariantRecord[] = [];
    for (const p of proposals) {
      if (known.has(ruleKey(p.rule))) continue;
      known.add(ruleKey(p.rule));
      const id = allocateId(storePaths(ctx, project).ids, "I", idsInFolder(dirOf(ctx, project)));
      const now = clock.nowIso();
      added.push(
        writeRecord(InvariantRecord, fileOf(ctx, project, id), {
          id,
          name: p.name,
          status: "proposed",
          rule: p.rule,
          rationale: p.rationale,
          citations: p.citations ?? [],
          source: p.source,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    return added;
  });
}

/** A person's decision: accepted invariants judge from now on, rejected ones never come back. */
export function decideInvariant(
  root: string,
  project: string,
  id: string,
  status: "accepted" | "rejected" | "proposed",
  reason: string | undefined,
  clock: Clock,
): InvariantRecord {
  const ctx = storeContext(root, { clock });
  return locked(ctx, () => {
    const before = readInvariantRecord(root, project, id);
    const { reason: _old, ...rest } = before;
    return writeRecord(InvariantRecord, fileOf(ctx, project, id), {
      ...rest,
      status,
      ...(reason ? { reason } : {}),
      updatedAt: clock.nowIso(),
    });
  });
}

/** The accepted invariants of a project, compiled: what the judge adds to the project's own checks. */
export function acceptedInvariants(root: string, project: string): Invariant[] {
  return listInvariantRecords(root, project)
    .filter((r) => r.status === "accepted")
    .map((r) => compileInvariant({ name: r.name, description: r.rationale, rule: r.rule }));
}
