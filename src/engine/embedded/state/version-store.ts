import { cloneJson, deepFreeze, versionHashOf } from "./canonical.ts";

/**
 * Content-addressed object versions (kamera's VersionManager): publish → hash, resolve → the frozen object.
 * Identical content written twice is stored once. One store serves a whole exploration (all branches).
 */
export class VersionStore {
  private readonly byHash = new Map<string, Readonly<Record<string, unknown>>>();

  /** Store a copy of `obj` (without metadata.resourceVersion) and return its content hash. */
  publish(obj: Record<string, unknown>): string {
    const hash = versionHashOf(obj);
    if (!this.byHash.has(hash)) {
      const copy = cloneJson(obj);
      const meta = copy.metadata as Record<string, unknown> | undefined;
      if (meta && "resourceVersion" in meta) delete meta.resourceVersion;
      this.byHash.set(hash, deepFreeze(copy));
    }
    return hash;
  }

  /** The frozen stored version; never mutate it (clone first). */
  resolve(hash: string): Readonly<Record<string, unknown>> {
    const v = this.byHash.get(hash);
    if (!v) throw new Error(`version store: unknown hash ${hash}`);
    return v;
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  get size(): number {
    return this.byHash.size;
  }
}
