import { compareEntries, type Entry } from "./keys.ts";

/**
 * The objects of one state: an immutable map kind → keyStr → Entry with structural sharing (a small hash trie
 * per kind: leaves of up to 32 entries split into 32 children). A write copies one path of the trie, so a step
 * costs O(objects changed), not O(all objects). The contents fingerprint is a running sum of per-entry hash
 * lanes, also updated in O(1) per change.
 */

type Node =
  | { readonly leaf: ReadonlyMap<string, Entry> }
  | { readonly kids: ReadonlyArray<Node | undefined> };

const FANOUT = 32;
const LEAF_MAX = 32;
const EMPTY_LEAF: Node = { leaf: new Map() };

function keyHash(keyStr: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < keyStr.length; i++) h = Math.imul(h ^ keyStr.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function slot(h: number, shift: number): number {
  return (h >>> shift) & (FANOUT - 1);
}

function lookup(n: Node | undefined, key: string, h: number, shift: number): Entry | undefined {
  while (n && !("leaf" in n)) {
    n = n.kids[slot(h, shift)];
    shift += 5;
  }
  return n?.leaf.get(key);
}

function insert(n: Node, e: Entry, h: number, shift: number): Node {
  if ("leaf" in n) {
    if (n.leaf.size < LEAF_MAX || n.leaf.has(e.keyStr) || shift >= 30) {
      const m = new Map(n.leaf);
      m.set(e.keyStr, e);
      return { leaf: m };
    }
    let split: Node = { kids: new Array<Node | undefined>(FANOUT) };
    for (const old of n.leaf.values()) split = insert(split, old, keyHash(old.keyStr), shift);
    return insert(split, e, h, shift);
  }
  const kids = [...n.kids];
  kids[slot(h, shift)] = insert(kids[slot(h, shift)] ?? EMPTY_LEAF, e, h, shift + 5);
  return { kids };
}

function remove(n: Node, key: string, h: number, shift: number): Node {
  if ("leaf" in n) {
    const m = new Map(n.leaf);
    m.delete(key);
    return { leaf: m };
  }
  const kids = [...n.kids];
  const kid = kids[slot(h, shift)];
  if (kid) kids[slot(h, shift)] = remove(kid, key, h, shift + 5);
  return { kids };
}

function collect(n: Node | undefined, out: Entry[]): void {
  if (!n) return;
  if ("leaf" in n) for (const e of n.leaf.values()) out.push(e);
  else for (const k of n.kids) collect(k, out);
}

interface KindTable {
  readonly root: Node;
  readonly size: number;
}

export class ObjectSet {
  static readonly EMPTY = new ObjectSet(new Map(), 0, 0, 0);
  private fp?: string;

  private constructor(
    private readonly kinds: ReadonlyMap<string, KindTable>,
    readonly size: number,
    private readonly l1: number,
    private readonly l2: number,
  ) {}

  /** Order-independent fingerprint of the contents (equal sets ⇒ equal fingerprints). */
  get fingerprint(): string {
    this.fp ??= `${this.size.toString(36)}.${this.l1.toString(36)}.${this.l2.toString(36)}`;
    return this.fp;
  }

  get(kind: string, keyStr: string): Entry | undefined {
    const t = this.kinds.get(kind);
    return t ? lookup(t.root, keyStr, keyHash(keyStr), 0) : undefined;
  }

  /** Entries of one kind (unsorted). */
  list(kind: string): Entry[] {
    const out: Entry[] = [];
    collect(this.kinds.get(kind)?.root, out);
    return out;
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  /** Every entry, in kamera's key order (group, kind, namespace, name, object id). */
  sorted(): Entry[] {
    const out: Entry[] = [];
    for (const t of this.kinds.values()) collect(t.root, out);
    return out.sort(compareEntries);
  }

  /** Insert or replace the entry at its keyStr. */
  with(e: Entry): ObjectSet {
    const t = this.kinds.get(e.kind);
    const h = keyHash(e.keyStr);
    const old = t ? lookup(t.root, e.keyStr, h, 0) : undefined;
    const kinds = new Map(this.kinds);
    kinds.set(e.kind, { root: insert(t?.root ?? EMPTY_LEAF, e, h, 0), size: (t?.size ?? 0) + (old ? 0 : 1) });
    return new ObjectSet(
      kinds,
      this.size + (old ? 0 : 1),
      (this.l1 + e.l1 - (old?.l1 ?? 0)) >>> 0,
      (this.l2 + e.l2 - (old?.l2 ?? 0)) >>> 0,
    );
  }

  without(kind: string, keyStr: string): ObjectSet {
    const t = this.kinds.get(kind);
    const h = keyHash(keyStr);
    const old = t ? lookup(t.root, keyStr, h, 0) : undefined;
    if (!t || !old) return this;
    const kinds = new Map(this.kinds);
    if (t.size === 1) kinds.delete(kind);
    else kinds.set(kind, { root: remove(t.root, keyStr, h, 0), size: t.size - 1 });
    return new ObjectSet(kinds, this.size - 1, (this.l1 - old.l1) >>> 0, (this.l2 - old.l2) >>> 0);
  }
}
