import diff from "microdiff";
import type { Citation } from "../formats/citation.ts";
import type { Dump, DumpObjectVersion } from "../formats/dump.ts";
import { keyString } from "../formats/dump.ts";
import { citeStep, citeTerminal } from "./citations.ts";
import { contentsHash, contentsKeyString, objectHash } from "./contents-hash.ts";
import { pathsOf, statesOf, type TerminalState, terminalHash, terminalObjects } from "./dump-model.ts";
import { type LastWrite, lastWrite } from "./last-write.ts";
import { applyMask, isEmptyMask, type MaskSpec } from "./masks.ts";

/**
 * `analyze diff`: object- and field-level differences between terminal states (or the groups of the states
 * histogram), with the last write of each differing object on each path. Only one representative state per
 * group (or per selector) is kept while streaming.
 */

export interface DiffTarget {
  label: string;
  dump: string;
  stateId: string;
  /** Contents hash (masked when masks are on). */
  hash: string;
  /** States in the batch with this hash. */
  groupSize: number;
  citation: Citation;
}

export interface FieldChange {
  type: "CREATE" | "REMOVE" | "CHANGE";
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface ObjectDiff {
  object: string;
  /** Per target: version hash, or null when the object is missing there. */
  versions: Array<{ target: string; hash: string | null }>;
  /** Field changes of each target against the first target holding the object. */
  fields: Array<
    | { target: string; against: string; changes: FieldChange[] }
    | { target: string; against: string; unavailable: string }
  >;
  lastWrites: Array<{ target: string; pathIndex: number; citation: Citation } & LastWrite>;
}

export interface DiffResult {
  targets: DiffTarget[];
  differing: ObjectDiff[];
  identical: number;
  masks: string[];
  /** Selectors that matched no terminal state. */
  unmatched: string[];
}

interface Held {
  target: DiffTarget;
  state: TerminalState;
  objects: Map<string, { ov: DumpObjectVersion; name: string; content: unknown; hash: string }>;
}

export interface DiffOptions {
  mask?: MaskSpec;
  /** Group hash (prefix), state id, or `<dump>@<stateId>`; default: one target per distinct terminal hash. */
  select?: string[];
  /** Every terminal state is its own target, labelled by state id (kamera's `analyze diff` of one dump). */
  eachState?: boolean;
}

export interface DiffAccumulator {
  add(dumpId: string, dump: Dump): void;
  result(): DiffResult;
}

const pathText = (p: ReadonlyArray<string | number>) =>
  p.reduce<string>((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), "");

export function diffAccumulator(opts: DiffOptions = {}): DiffAccumulator {
  const mask = opts.mask && !isEmptyMask(opts.mask) ? opts.mask : undefined;
  const select = opts.select ?? [];
  const held: Held[] = [];
  const sizes = new Map<string, number>();
  const taken = new Set<string>();
  return {
    add(dumpId, dump) {
      const table = new Map((dump.objects ?? []).map((o) => [o.hash.Value, o.object as unknown]));
      const content = (ov: DumpObjectVersion) => {
        const c = table.get(ov.hash.Value);
        return mask && c !== undefined ? applyMask(c, mask) : c;
      };
      const versionHash = (ov: DumpObjectVersion) => {
        const c = content(ov);
        return mask && c !== undefined ? objectHash(c) : ov.hash.Value;
      };
      for (const s of statesOf(dump)) {
        const objects = terminalObjects(s);
        const hash = mask ? contentsHash(objects, versionHash) : terminalHash(s);
        sizes.set(hash, (sizes.get(hash) ?? 0) + 1);
        let label: string | undefined;
        if (opts.eachState) label = taken.has(`${dumpId}@${s.id}`) ? undefined : `${dumpId}@${s.id}`;
        else if (select.length === 0) label = taken.has(hash) ? undefined : hash;
        else
          label = select.find(
            (sel) => !taken.has(sel) && (hash.startsWith(sel) || sel === s.id || sel === `${dumpId}@${s.id}`),
          );
        if (label === undefined) continue;
        taken.add(label);
        const map = new Map(
          objects.map((ov) => [
            contentsKeyString(ov.key),
            { ov, name: keyString(ov.key), content: content(ov), hash: versionHash(ov) },
          ]),
        );
        const citation = citeTerminal(dumpId, s, 0);
        held.push({
          target: { label, dump: dumpId, stateId: s.id, hash, groupSize: 0, citation },
          state: s,
          objects: map,
        });
      }
    },
    result() {
      const targets = held.map((h) => ({ ...h.target, groupSize: sizes.get(h.target.hash) ?? 0 }));
      const keys = [...new Set(held.flatMap((h) => [...h.objects.keys()]))].sort();
      const differing: ObjectDiff[] = [];
      let identical = 0;
      for (const key of keys) {
        const present = held.map((h) => h.objects.get(key));
        const hashes = present.map((p) => p?.hash ?? null);
        if (hashes.every((h) => h !== null && h === hashes[0])) {
          identical++;
          continue;
        }
        const name = present.find((p) => p !== undefined)?.name ?? key;
        const baseIndex = present.findIndex((p) => p !== undefined);
        const base = present[baseIndex];
        const fields: ObjectDiff["fields"] = [];
        present.forEach((p, i) => {
          if (!p || !base || i === baseIndex || p.hash === base.hash) return;
          const entry = { target: held[i].target.label, against: held[baseIndex].target.label };
          if (p.content === undefined || base.content === undefined)
            fields.push({ ...entry, unavailable: "object content not in the dump's objects table" });
          else {
            const changes = diff(base.content as object, p.content as object).map((c) => ({
              type: c.type,
              path: pathText(c.path),
              ...("oldValue" in c ? { from: c.oldValue } : {}),
              ...("value" in c ? { to: c.value } : {}),
            }));
            fields.push({ ...entry, changes });
          }
        });
        const lastWrites: ObjectDiff["lastWrites"] = [];
        held.forEach((h, i) => {
          pathsOf(h.state).forEach((path, p) => {
            const lw = lastWrite(path, key, present[i]?.ov.hash.Value);
            const citation =
              lw.stepIndex >= 0
                ? citeStep(h.target.dump, h.state, p, lw.stepIndex)
                : citeTerminal(h.target.dump, h.state, p);
            lastWrites.push({ target: h.target.label, pathIndex: p, citation, ...lw });
          });
        });
        differing.push({
          object: name,
          versions: held.map((h, i) => ({ target: h.target.label, hash: hashes[i] })),
          fields,
          lastWrites,
        });
      }
      const unmatched = select.filter((s) => !taken.has(s));
      return { targets, differing, identical, masks: opts.mask?.names ?? [], unmatched };
    },
  };
}

export function computeDiff(dumps: Iterable<{ id: string; dump: Dump }>, opts: DiffOptions = {}): DiffResult {
  const acc = diffAccumulator(opts);
  for (const d of dumps) acc.add(d.id, d.dump);
  return acc.result();
}
