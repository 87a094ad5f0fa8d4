import { compareEntries, type Entry } from "./keys.ts";

/**
 * The objects of one state: an immutable map kind → keyStr → Entry with structural sharing. A write copies
 * one kind's bucket array and one bucket, so a step costs O(objects changed), not O(all objects). The contents
 * fingerprint is a running sum of per-entry hash lanes, also updated in O(1) per change.
 */

const BUCKETS = 16;

interface KindTable {
  readonly buckets: ReadonlyArray<ReadonlyMap<string, Entry> | undefined>;
  readonly size: number;
}

function bucketOf(keyStr: string): number {
  let h = 0;
  for (let i = keyStr.length - 1, n = 0; i >= 0 && n < 12; i--, n++) h = (h * 31 + keyStr.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

export class ObjectSet {
  static readonly EMPTY = new ObjectSet(new Map(), 0, 0, 0);

  private constructor(
    private readonly kinds: ReadonlyMap<string, KindTable>,
    readonly size: number,
    private readonly l1: number,
    private readonly l2: number,
  ) {}

  private fp?: string;

  /** Order-independent fingerprint of the contents (equal sets ⇒ equal fingerprints). */
  get fingerprint(): string {
    this.fp ??= `${this.size.toString(36)}.${this.l1.toString(36)}.${this.l2.toString(36)}`;
    return this.fp;
  }

  get(kind: string, keyStr: string): Entry | undefined {
    const t = this.kinds.get(kind);
    return t?.buckets[bucketOf(keyStr)]?.get(keyStr);
  }

  /** Entries of one kind (unsorted). */
  list(kind: string): Entry[] {
    const t = this.kinds.get(kind);
    const out: Entry[] = [];
    if (!t) return out;
    for (const b of t.buckets) if (b) for (const e of b.values()) out.push(e);
    return out;
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  /** Every entry, in kamera's key order (group, kind, namespace, name, object id). */
  sorted(): Entry[] {
    const out: Entry[] = [];
    for (const k of this.kinds.keys()) out.push(...this.list(k));
    return out.sort(compareEntries);
  }

  /** Insert or replace the entry at its keyStr. */
  with(e: Entry): ObjectSet {
    const t = this.kinds.get(e.kind);
    const idx = bucketOf(e.keyStr);
    const old = t?.buckets[idx]?.get(e.keyStr);
    const bucket = new Map(t?.buckets[idx] ?? []);
    bucket.set(e.keyStr, e);
    const buckets = t ? [...t.buckets] : new Array<ReadonlyMap<string, Entry> | undefined>(BUCKETS);
    buckets[idx] = bucket;
    const kinds = new Map(this.kinds);
    kinds.set(e.kind, { buckets, size: (t?.size ?? 0) + (old ? 0 : 1) });
    return new ObjectSet(
      kinds,
      this.size + (old ? 0 : 1),
      (this.l1 + e.l1 - (old?.l1 ?? 0)) >>> 0,
      (this.l2 + e.l2 - (old?.l2 ?? 0)) >>> 0,
    );
  }

  without(kind: string, keyStr: string): ObjectSet {
    const t = this.kinds.get(kind);
    const idx = bucketOf(keyStr);
    const old = t?.buckets[idx]?.get(keyStr);
    if (!t || !old) return this;
    const bucket = new Map(t.buckets[idx]);
    bucket.delete(keyStr);
    const buckets = [...t.buckets];
    buckets[idx] = bucket.size ? bucket : undefined;
    const kinds = new Map(this.kinds);
    if (t.size === 1) kinds.delete(kind);
    else kinds.set(kind, { buckets, size: t.size - 1 });
    return new ObjectSet(kinds, this.size - 1, (this.l1 - old.l1) >>> 0, (this.l2 - old.l2) >>> 0);
  }
}
