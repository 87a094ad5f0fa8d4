import { CtrlhuntError } from "../errors/index.ts";

/**
 * The small JSON path dialect of masks and projections: `status.observedGeneration`, `status.conditions[*].reason`,
 * `spec.containers[0].image`, `metadata.*`. `*` matches every key or index.
 */

export type Segment = string | number | "*";

export function parseJsonPath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\*|\d+)\]|(\.)/g;
  let pos = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index !== pos) break;
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push(m[1] === "*" ? "*" : m[1]);
    else if (m[2] !== undefined) out.push(m[2] === "*" ? "*" : Number(m[2]));
  }
  if (text.trim() === "" || pos !== text.length || out.length === 0 || /\.\.|^\.|\.$/.test(text)) {
    throw new CtrlhuntError("CTRLHUNT_USAGE", `bad JSON path "${text}"`, {
      issues: [
        {
          path: text,
          message: 'bad JSON path: use dotted keys and [n] or [*], e.g. "status.conditions[*].reason"',
        },
      ],
    });
  }
  return out;
}

/** Values at a path (several with `*`); missing parts yield nothing. */
export function valuesAt(value: unknown, path: ReadonlyArray<Segment>): unknown[] {
  if (path.length === 0) return [value];
  if (value === null || typeof value !== "object") return [];
  const [head, ...rest] = path;
  const container = value as Record<string | number, unknown>;
  if (head === "*") return Object.keys(container).flatMap((k) => valuesAt(container[k], rest));
  if (!(head in container)) return [];
  return valuesAt(container[head], rest);
}

/** Delete the value(s) at a path in place (the caller passes a copy). */
export function deleteAt(value: unknown, path: ReadonlyArray<Segment>): void {
  if (value === null || typeof value !== "object" || path.length === 0) return;
  const [head, ...rest] = path;
  const container = value as Record<string | number, unknown>;
  const keys = head === "*" ? Object.keys(container) : head in container ? [head] : [];
  for (const k of keys) {
    if (rest.length > 0) deleteAt(container[k], rest);
    else if (Array.isArray(container)) container[k as number] = null;
    else delete container[k];
  }
}
