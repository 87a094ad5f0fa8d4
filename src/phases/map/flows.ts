import type {
  DataFlow,
  MultiWrite,
  SurfaceController,
  VulnerabilityWindow,
} from "../../formats/surface-map.ts";
import { triggerKinds } from "./roles.ts";

const MAX_FLOWS = 24;
const MAX_HOPS = 6;

function writtenKinds(c: SurfaceController): string[] {
  return [...new Set(c.writes.map((w) => w.kind))].sort();
}

/**
 * Key data flows: from each user-facing kind, chains of "kind → controller ⇒ kinds it writes → next
 * controller triggered by one of those kinds", without revisiting a controller.
 */
export function dataFlows(controllers: SurfaceController[], userFacing: string[]): DataFlow[] {
  const flows: DataFlow[] = [];
  const triggered = (kind: string, except: Set<string>) =>
    controllers.filter((c) => !except.has(c.id) && triggerKinds(c).has(kind));
  const walk = (kind: string, links: DataFlow["links"], seen: Set<string>) => {
    if (flows.length >= MAX_FLOWS) return;
    const next = links.length < MAX_HOPS ? triggered(kind, seen) : [];
    if (next.length === 0) {
      if (links.length > 0) flows.push({ links, text: flowText(links) });
      return;
    }
    for (const c of next) {
      const link = { kind, controller: c.id, writes: writtenKinds(c) };
      const onward = link.writes.filter((k) => triggered(k, new Set([...seen, c.id])).length > 0);
      if (onward.length === 0) {
        if (flows.length < MAX_FLOWS)
          flows.push({ links: [...links, link], text: flowText([...links, link]) });
        continue;
      }
      for (const k of onward) walk(k, [...links, link], new Set([...seen, c.id]));
    }
  };
  for (const k of userFacing) walk(k, [], new Set());
  return flows;
}

/** `K0 → C1 ⇒ K1 → C2 ⇒ K2, K3`: each hop names the kind that triggers the next controller. */
function flowText(links: DataFlow["links"]): string {
  let text = links[0].kind;
  links.forEach((l, i) => {
    const next = links[i + 1];
    text += ` → ${l.controller} ⇒ ${next ? next.kind : l.writes.join(", ") || "(no writes)"}`;
  });
  return text;
}

/** Multi-write reconciles: N writes leave N−1 crash windows (fault-injection targets). */
export function multiWrites(controllers: SurfaceController[]): MultiWrite[] {
  return controllers
    .filter((c) => c.writesPerReconcile >= 2)
    .map((c) => ({
      controller: c.id,
      writes: c.writesPerReconcile,
      crashWindows: c.writesPerReconcile - 1,
      order: c.writeOrder,
    }));
}

/**
 * Vulnerability windows: a controller reads a kind another party writes. Without a watch on that kind the
 * reader is never re-triggered by the change (top staleness target); with one, its cache may still lag.
 */
export function vulnerabilityWindows(controllers: SurfaceController[]): VulnerabilityWindow[] {
  const out: Omit<VulnerabilityWindow, "id">[] = [];
  for (const r of controllers) {
    const triggers = triggerKinds(r);
    // Reads that bypass the manager's cache (APIReader, clientsets) or go to another cluster cannot be stale
    // in the local informer view: they are no staleness windows.
    const cached = r.reads.filter((x) => x.client === undefined);
    const readKinds = [...new Set(cached.map((x) => x.kind))].filter((k) => k !== r.for).sort();
    for (const kind of readKinds) {
      const writers = controllers
        .filter((w) => w.id !== r.id && w.writes.some((x) => x.kind === kind))
        .map((w) => w.id)
        .sort();
      const watched = triggers.has(kind);
      if (watched && writers.length === 0) continue;
      const by = writers.length ? writers.join(", ") : "users (External User)";
      const read = cached.find((x) => x.kind === kind);
      out.push({
        reader: r.id,
        kind,
        writers: writers.length ? writers : ["External User"],
        why: watched ? "cross-controller read" : "no watch",
        assumption: watched
          ? `its view of ${kind} includes the latest writes of ${by}`
          : `the ${kind} it reads is current whenever it reconciles`,
        violation: watched
          ? `the informer view lags those writes, so ${r.id} decides on an older ${kind}`
          : `${by} change it and no watch re-triggers ${r.id}, which keeps acting on the old ${kind}`,
        ...(read?.location ? { location: read.location } : {}),
      });
    }
  }
  out.sort((a, b) => (a.why === b.why ? 0 : a.why === "no watch" ? -1 : 1));
  return out.map((w, i) => ({ ...w, id: `W${i + 1}` }) as VulnerabilityWindow);
}
