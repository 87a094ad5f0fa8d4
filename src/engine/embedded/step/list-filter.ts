import type { ListOptions } from "../api.ts";
import type { Entry } from "../state/index.ts";

/** List filtering as the cached client does it: namespace ("" = all), label equality, simple field selectors. */
export function matchesList(e: Entry, obj: Readonly<Record<string, unknown>>, opts: ListOptions): boolean {
  if (opts.namespace !== undefined && opts.namespace !== "" && e.namespace !== opts.namespace) return false;
  if (opts.labels) {
    const labels = ((obj.metadata as Record<string, unknown> | undefined)?.labels ?? {}) as Record<
      string,
      unknown
    >;
    for (const [k, v] of Object.entries(opts.labels)) if (labels[k] !== v) return false;
  }
  if (opts.fields) {
    for (const [path, want] of Object.entries(opts.fields)) {
      let cur: unknown = obj;
      for (const seg of path.split("."))
        cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
      if (cur === undefined || String(cur) !== want) return false;
    }
  }
  return true;
}
