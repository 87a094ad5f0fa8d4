import { fnv1a63 } from "../state/index.ts";

/** kamera's per-trial seed: FNV-1a-64("<seed>|<group>|<trialIndex>") masked to 63 bits (spec §4.5). */
export function derivedSeed(seed: number, group: string, trialIndex: number): bigint {
  return fnv1a63(`${seed}|${group}|${trialIndex}`);
}

/** A small seeded PRNG (sfc32). Go's stream differs, so trials reproduce within ctrlhunt, not across tools. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: bigint) {
    this.a = Number(seed >> 32n) >>> 0;
    this.b = Number(seed & 0xffffffffn) >>> 0;
    this.c = 0x9e3779b9;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }
}
