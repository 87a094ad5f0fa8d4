import { formatPath } from "../errors/index.ts";

/**
 * Deepest nesting a scenario may hold. Kubernetes objects stay far below it; past it the engine's recursive
 * hashing and copying would run out of stack ("Maximum call stack size exceeded") instead of saying what is wrong.
 */
export const MAX_NESTING = 100;

/** The JSON path where `data` first nests deeper than MAX_NESTING levels, if it does (iterative: no recursion). */
export function tooDeepAt(data: unknown): string | undefined {
  const stack: Array<{ v: unknown; path: PropertyKey[] }> = [{ v: data, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: PropertyKey[] };
    if (v === null || typeof v !== "object") continue;
    if (path.length >= MAX_NESTING) return formatPath(path);
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

export const tooDeepMessage = `nested more than ${MAX_NESTING} levels deep (no Kubernetes object is); flatten it`;
