import { describe, expect, it } from "vitest";
import { shortenHash as analysisShortenHash } from "../../src/analysis/contents-hash.ts";
import { defineController, defineProject, NO_OPTIMIZATIONS } from "../../src/engine/index.ts";
import {
  appendEvent,
  kindAsOf,
  makeEntry,
  ObjectSet,
  shortenHash,
  versionHashOf,
} from "../../src/engine/embedded/state/index.ts";
import { allSteps, cm, converged, exploreOne, scenario } from "./helpers.ts";

/** The state model (spec §1): content addressing, fingerprints, the event log and per-kind stale replay. */

describe("content addressing", () => {
  it("ignores key order, RFC 3339 timestamps and metadata.resourceVersion", () => {
    const a = {
      kind: "X",
      metadata: { name: "a", resourceVersion: "7", creationTimestamp: "2024-05-01T10:00:00Z" },
      spec: { x: 1, y: [1, 2] },
    };
    const b = {
      spec: { y: [1, 2], x: 1 },
      metadata: { creationTimestamp: "2031-01-01T00:00:00.123+02:00", name: "a" },
      kind: "X",
    };
    expect(versionHashOf(a)).toBe(versionHashOf(b));
    expect(versionHashOf(a)).not.toBe(versionHashOf({ ...b, spec: { x: 2, y: [1, 2] } }));
    expect(versionHashOf({ kind: "X", metadata: { name: "a" }, spec: { resourceVersion: "1" } })).not.toBe(
      versionHashOf({ kind: "X", metadata: { name: "a" }, spec: { resourceVersion: "2" } }),
    );
  });

  it("ShortenHash is FNV-1a 64 in base 36, 8 characters, identical to the analysis reader's", () => {
    for (const s of ["", "a", "core/Pod/default/p:uid=abc;", "ünïcode/Kind/x/y"]) {
      expect(shortenHash(s)).toBe(analysisShortenHash(s));
      expect(shortenHash(s).length).toBeLessThanOrEqual(8);
    }
  });
});

describe("object sets", () => {
  const e = (name: string, hash: string, rv: number, kind = "core/ConfigMap") =>
    makeEntry(kind, "default", name, `uid-${name}`, hash, rv);

  it("fingerprints contents independently of insertion order and history", () => {
    const x = ObjectSet.EMPTY.with(e("a", "h1", 1))
      .with(e("b", "h2", 2))
      .with(e("c", "h3", 3, "apps/Deployment"));
    const y = ObjectSet.EMPTY.with(e("c", "h3", 9, "apps/Deployment"))
      .with(e("b", "h0", 5))
      .with(e("a", "h1", 4))
      .with(e("b", "h2", 6));
    expect(x.fingerprint).toBe(y.fingerprint);
    expect(x.without("core/ConfigMap", "core/ConfigMap/default/b").fingerprint).not.toBe(x.fingerprint);
    expect(x.sorted().map((z) => z.name)).toEqual(["a", "b", "c"]); // core's group "" sorts before "apps"
  });

  it("behaves like a plain map across trie splits (2,000 keys, updates and removals)", () => {
    let set = ObjectSet.EMPTY;
    const model = new Map<string, string>();
    for (let i = 0; i < 2000; i++) {
      set = set.with(e(`o${i}`, `h${i}`, i + 1));
      model.set(`o${i}`, `h${i}`);
    }
    const before = set;
    for (let i = 0; i < 2000; i += 3) {
      set = set.without("core/ConfigMap", `core/ConfigMap/default/o${i}`);
      model.delete(`o${i}`);
    }
    for (let i = 1; i < 2000; i += 7) {
      set = set.with(e(`o${i}`, `x${i}`, 5000 + i));
      model.set(`o${i}`, `x${i}`);
    }
    expect(set.size).toBe(model.size);
    expect(
      set
        .list("core/ConfigMap")
        .map((x) => `${x.name}=${x.hash}`)
        .sort(),
    ).toEqual([...model].map(([k, v]) => `${k}=${v}`).sort());
    expect(set.get("core/ConfigMap", "core/ConfigMap/default/o8")?.hash).toBe("x8");
    expect(before.get("core/ConfigMap", "core/ConfigMap/default/o8")?.hash).toBe("h8");
    let rebuilt = ObjectSet.EMPTY;
    for (const [k, v] of [...model].reverse()) rebuilt = rebuilt.with(e(k, v, 1));
    expect(rebuilt.fingerprint).toBe(set.fingerprint);
  });

  it("keeps earlier versions intact (structural sharing)", () => {
    const x = ObjectSet.EMPTY.with(e("a", "h1", 1));
    const y = x.with(e("a", "h2", 2));
    expect(x.get("core/ConfigMap", "core/ConfigMap/default/a")?.hash).toBe("h1");
    expect(y.get("core/ConfigMap", "core/ConfigMap/default/a")?.hash).toBe("h2");
    expect(y.size).toBe(1);
  });
});

describe("event log", () => {
  it("replays one kind's prefix: an old view of that kind, removals included", () => {
    let log = appendEvent(null, "CREATE", makeEntry("core/Pod", "d", "p", "u", "v1", 1));
    log = appendEvent(log, "CREATE", makeEntry("core/Service", "d", "s", "u2", "s1", 2));
    log = appendEvent(log, "UPDATE", makeEntry("core/Pod", "d", "p", "u", "v2", 3));
    log = appendEvent(log, "REMOVE", makeEntry("core/Pod", "d", "p", "u", "v2", 4));
    expect([...kindAsOf(log, "core/Pod", 2).values()].map((x) => x.hash)).toEqual(["v1"]);
    expect([...kindAsOf(log, "core/Pod", 3).values()].map((x) => x.hash)).toEqual(["v2"]);
    expect(kindAsOf(log, "core/Pod", 4).size).toBe(0);
    expect(log.seq).toBe(4);
  });
});

describe("legacy staleReads", () => {
  it("branches over the last N sequences of the stale kind and keeps the reconciler stuck there", async () => {
    const seen = new Set<string>();
    const project = defineProject({
      name: "legacy",
      controllers: [
        defineController({
          id: "Reader",
          for: "core/Secret",
          reads: ["core/ConfigMap"],
          reconcile(ctx) {
            const c = ctx.get("core/ConfigMap", { namespace: "default", name: "c" });
            seen.add(JSON.stringify(c?.data));
          },
        }),
      ],
    });
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" } };
    const s = scenario("legacy", [cm("c", { v: "1" }), secret], {
      actions: [
        { opType: "UPDATE", object: cm("c", { v: "2" }) },
        { opType: "UPDATE", object: { ...secret, data: { x: "1" } } },
      ],
      tuning: { staleReads: { Reader: ["core/ConfigMap"] }, staleLookback: { "core/ConfigMap": 2 } },
    });
    await exploreOne(project, s);
    expect(seen).toContain(JSON.stringify({ v: "1" }));
    expect(seen).toContain(JSON.stringify({ v: "2" }));
    // Fresh and stale views end in distinct terminal nodes (the stuck position is part of the state).
    const full = await exploreOne(project, s, { optimizations: NO_OPTIMIZATIONS });
    expect(converged(full)).toHaveLength(2);
    const stale = allSteps(full).find((x) => x.stalenessInfo?.length);
    expect(stale?.stalenessInfo).toEqual([
      { Key: "core/ConfigMap/default/c", ObservedRV: 1, CurrentRV: 3, Lag: 2 },
    ]);
  });
});
