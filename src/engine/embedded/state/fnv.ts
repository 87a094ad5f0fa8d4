/**
 * FNV-1a 64-bit in two 32-bit halves (every product stays below 2^53, so plain doubles are exact).
 * kamera's ShortenHash and the Monte Carlo seed derivation both use it.
 */

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;

/** FNV-1a 64 of the UTF-8 bytes of `input`, as [hi, lo] unsigned 32-bit halves. */
export function fnv1a64(input: string): [number, number] {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const step = (byte: number) => {
    lo = (lo ^ byte) >>> 0;
    const loProduct = lo * 0x1b3;
    const carry = Math.floor(loProduct / 0x100000000);
    hi = (hi * 0x1b3 + lo * 0x100 + carry) >>> 0;
    lo = loProduct >>> 0;
  };
  let ascii = true;
  for (let i = 0; i < input.length && ascii; i++) ascii = input.charCodeAt(i) < 0x80;
  if (ascii) {
    for (let i = 0; i < input.length; i++) step(input.charCodeAt(i));
  } else {
    const bytes = Buffer.from(input, "utf8");
    for (let i = 0; i < bytes.length; i++) step(bytes[i]);
  }
  return [hi, lo];
}

/** kamera's ShortenHash: FNV-1a 64, base 36, first 8 characters. */
export function shortenHash(input: string): string {
  const [hi, lo] = fnv1a64(input);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString(36).slice(0, 8);
}

/** FNV-1a 64 masked to 63 bits, as a bigint (Monte Carlo per-trial seed). */
export function fnv1a63(input: string): bigint {
  const [hi, lo] = fnv1a64(input);
  return (BigInt(hi & 0x7fffffff) << 32n) | BigInt(lo);
}

/** Two independent 32-bit string hashes (cyrb53 lanes): cheap per-entry fingerprints for incremental sums. */
export function lanes32(input: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
