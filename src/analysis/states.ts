import type { Citation } from "../formats/citation.ts";
import { type Dump, type DumpObjectVersion, keyKind } from "../formats/dump.ts";
import { citeTerminal } from "./citations.ts";
import { contentsHash, objectHash } from "./contents-hash.ts";
import {
  type Outcome,
  outcomeOf,
  pathsOf,
  phaseOf,
  statesOf,
  terminalHash,
  terminalObjects,
} from "./dump-model.ts";
import { applyMask, isEmptyMask, keepsKind, type MaskSpec } from "./masks.ts";
import { type Family, type ProjectionSpec, projectState } from "./projection.ts";

/**
 * `analyze states`: the terminal-state histogram across states, phases and Monte Carlo trials. Groups by contents
 * hash (kamera's), by a masked hash (noise removed), or by outcome family (a projection). Streamed: per group only
 * counters and one representative citation are kept.
 */

export interface StateGroup {
  /** Group key: the (masked) contents hash, or the family signature. */
  key: string;
  /** Contents hash (masked when masks are on) for hash groups. */
  hash?: string;
  family?: Family;
  /** Terminal states in the group, and their share of all terminal states. */
  count: number;
  percent: number;
  /** Paths reaching the group's states (a DFS state can have many). */
  paths: number;
  outcomes: Record<Outcome, number>;
  phases: Record<string, number>;
  /** Distinct raw contents hashes inside the group (masking and families merge several). */
  hashes: Record<string, number>;
  /** First state seen in the group (dumps in sorted order): its path 0's last step. */
  representative: Citation;
}

export interface StatesResult {
  dumps: number;
  states: number;
  paths: number;
  groupedBy: "hash" | "masked-hash" | "family";
  masks: string[];
  groups: StateGroup[];
  /** Terminal objects whose content is not in the dump's objects table (masks/projection could not see them). */
  unresolvedObjects: number;
}

export interface StatesOptions {
  mask?: MaskSpec;
  projection?: ProjectionSpec;
}

export interface StatesAccumulator {
  add(dumpId: string, dump: Dump): void;
  result(): StatesResult;
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

export function statesAccumulator(opts: StatesOptions = {}): StatesAccumulator {
  const mask = opts.mask && !isEmptyMask(opts.mask) ? opts.mask : undefined;
  const groups = new Map<string, StateGroup>();
  let dumps = 0;
  let states = 0;
  let paths = 0;
  let unresolved = 0;
  return {
    add(dumpId, dump) {
      dumps++;
      // Object content is needed only for masks and projections; built once per dump, dropped after it.
      let table: Map<string, unknown> | undefined;
      const missing = new Set<string>();
      const contentOf = (ov: DumpObjectVersion): unknown => {
        table ??= new Map((dump.objects ?? []).map((o) => [o.hash.Value, o.object]));
        const obj = table.get(ov.hash.Value);
        if (obj === undefined) missing.add(ov.hash.Value);
        return obj;
      };
      const maskedValue = new Map<string, string>();
      const maskedHashOf = (ov: DumpObjectVersion): string => {
        let v = maskedValue.get(ov.hash.Value);
        if (v === undefined) {
          const obj = contentOf(ov);
          v = obj === undefined ? ov.hash.Value : objectHash(applyMask(obj, mask as MaskSpec));
          maskedValue.set(ov.hash.Value, v);
        }
        return v;
      };
      const phase = phaseOf(dump);
      for (const s of statesOf(dump)) {
        const raw = terminalHash(s);
        const objects = mask?.kinds
          ? terminalObjects(s).filter((ov) => keepsKind(mask, keyKind(ov.key)))
          : terminalObjects(s);
        const hash = mask ? contentsHash(objects, maskedHashOf) : raw;
        const projected = opts.projection
          ? projectState(objects, opts.projection, mask ? (ov) => applyMask(contentOf(ov), mask) : contentOf)
          : undefined;
        const key = projected ? projected.signature : hash;
        let g = groups.get(key);
        if (!g) {
          g = {
            key,
            ...(projected ? { family: projected.family } : { hash }),
            count: 0,
            percent: 0,
            paths: 0,
            outcomes: { converged: 0, "max-depth": 0, aborted: 0 },
            phases: {},
            hashes: {},
            representative: citeTerminal(dumpId, s, 0),
          };
          groups.set(key, g);
        }
        const n = pathsOf(s).length;
        g.count++;
        g.paths += n;
        g.outcomes[outcomeOf(s)]++;
        bump(g.phases, phase);
        bump(g.hashes, raw);
        states++;
        paths += n;
      }
      unresolved += missing.size;
    },
    result() {
      const list = [...groups.values()]
        .map((g) => ({ ...g, percent: states ? Math.round((g.count / states) * 1000) / 10 : 0 }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
      return {
        dumps,
        states,
        paths,
        groupedBy: opts.projection ? "family" : mask ? "masked-hash" : "hash",
        masks: opts.mask?.names ?? [],
        groups: list,
        unresolvedObjects: unresolved,
      };
    },
  };
}

export function computeStates(
  dumps: Iterable<{ id: string; dump: Dump }>,
  opts: StatesOptions = {},
): StatesResult {
  const acc = statesAccumulator(opts);
  for (const d of dumps) acc.add(d.id, d.dump);
  return acc.result();
}
