/**
 * The "Phase 0: Controller Surface Map" section, read loosely from projects/<p>/surface-map.json: fields this
 * version does not know are ignored, missing ones leave their sub-section out, so an older or hand-written map
 * still renders.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const strs = (v: unknown): string[] =>
  arr(v)
    .map((x) => (isObj(x) ? str(x.kind ?? x.name ?? x.id) : str(x)))
    .filter(Boolean);

export interface SurfaceView {
  controllers: Array<{ id: string; source: string; fidelity: string; trigger: string; writes: string }>;
  dataFlows: string[];
  multiWrites: string[];
  sharedState: string[];
  windows: string[];
  gaps: string[];
}

function trigger(c: Obj): string {
  const parts = [
    c.for ? `For ${str(c.for)}` : "",
    strs(c.owns).length ? `Owns ${strs(c.owns).join(", ")}` : "",
    strs(c.watches).length ? `Watches ${strs(c.watches).join(", ")}` : "",
  ].filter(Boolean);
  return parts.join("; ") || (c.for === null ? "none (no primary trigger)" : "—");
}

function writes(c: Obj): string {
  const order = strs(c.writeOrder);
  const n = typeof c.writesPerReconcile === "number" ? `${c.writesPerReconcile}/reconcile` : "";
  const list = order.length
    ? order
    : arr(c.writes)
        .filter(isObj)
        .map((w) =>
          [str(w.op), str(w.kind), w.surface && w.surface !== "any" ? str(w.surface) : ""]
            .filter(Boolean)
            .join(" "),
        );
  return [n, list.join(" → ")].filter(Boolean).join(": ") || "—";
}

export function surfaceView(map: unknown): SurfaceView | undefined {
  if (!isObj(map)) return undefined;
  const controllers = arr(map.controllers)
    .filter(isObj)
    .map((c) => ({
      id: str(c.id),
      source: str(c.source) || "—",
      fidelity: str(c.fidelity) || "—",
      trigger: trigger(c),
      writes: writes(c),
    }));
  const flows = arr(map.dataFlows)
    .map((f) => (isObj(f) ? str(f.text) : str(f)))
    .filter(Boolean);
  const multi = arr(map.multiWrites ?? map.multiWriteReconciles)
    .filter(isObj)
    .map(
      (m) =>
        `${str(m.controller)}: ${str(m.writes)} writes, ${str(m.crashWindows) || "?"} crash window(s)${strs(m.order).length ? ` (${strs(m.order).join(" → ")})` : ""}`,
    );
  const shared = arr(map.sharedState)
    .filter(isObj)
    .map(
      (s) =>
        `${str(s.name)} — used by ${strs(s.controllers).join(", ") || "?"}${s.reset ? `; reset: ${str(s.reset)}` : ""}${s.location ? ` (${str(s.location)})` : ""}`,
    );
  const windows = arr(map.vulnerabilityWindows)
    .filter(isObj)
    .map(
      (w) =>
        `${str(w.id) ? `${str(w.id)}: ` : ""}${str(w.reader)} reads ${str(w.kind)}${strs(w.writers).length ? ` written by ${strs(w.writers).join(", ")}` : ""} — assumes ${str(w.assumption) || "?"} (${str(w.why) || "?"})${w.location ? ` at ${str(w.location)}` : ""}`,
    );
  const gaps = arr(map.issues)
    .filter(isObj)
    .map((i) => `${str(i.severity) || "note"}: ${str(i.path) ? `${str(i.path)}: ` : ""}${str(i.message)}`);
  return { controllers, dataFlows: flows, multiWrites: multi, sharedState: shared, windows, gaps };
}
