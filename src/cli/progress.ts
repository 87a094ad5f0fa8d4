import type { EngineEvent } from "../engine/index.ts";
import type { CliIO } from "./io.ts";

/** What the progress line knows about the search in progress. */
interface Search {
  label: string;
  startedMs: number;
  visits: number;
  depth: number;
  heapMb?: number;
}

const pad = (n: number) => n.toLocaleString("en-US");

/** `states, states/s, depth, memory` of a search, as one line. */
export function progressLine(s: Search, nowMs: number, done = false): string {
  const secs = Math.max(0.001, (nowMs - s.startedMs) / 1000);
  const rate = Math.round(s.visits / secs);
  const heap = s.heapMb !== undefined ? `, heap ${s.heapMb} MiB` : "";
  const verb = done ? "explored" : "exploring";
  return `${s.label}: ${verb} ${pad(s.visits)} states in ${secs.toFixed(1)} s (${pad(rate)}/s), depth ${s.depth}${heap}`;
}

/**
 * Engine progress for people: on a terminal a line rewritten in place (the engine sends one every ≤ 0.5 s);
 * otherwise one final line per search that reported progress (≥ 1000 states), so logs stay short.
 */
export function engineProgress(io: CliIO, now: () => number = Date.now): (e: EngineEvent) => void {
  let current: Search | undefined;
  let shown = false;
  const clear = () => {
    if (shown) io.control?.("\u001b[1A\u001b[2K"); // up to the progress line and blank it
    shown = false;
  };
  return (e) => {
    if (e.type === "phase-start") {
      current = { label: `${e.scenario} · ${e.phase}`, startedMs: now(), visits: 0, depth: 0 };
      return;
    }
    if (!current) return;
    if (e.type === "progress") {
      current.visits = e.visits;
      current.depth = Math.max(current.depth, e.depth ?? 0);
      if (e.heapMb !== undefined) current.heapMb = e.heapMb;
      if (!io.isTTY || !io.control) return;
      clear();
      io.err(`  ${progressLine(current, now())}\n`);
      shown = true;
    } else if (e.type === "phase-end") {
      clear();
      if (current.visits > 0) io.err(`  ${progressLine(current, now(), true)}`);
      current = undefined;
    }
  };
}
