import type { DumpStep } from "../formats/dump.ts";

/**
 * A Mermaid flowchart of divergent paths: the cited paths' controller sequences merged into a prefix tree, so the
 * shared start is drawn once and the point where the orderings part is visible. Each leaf names its terminal state;
 * a step where a perturbation acted (crash, manager restart, stale read, user action) is named and highlighted.
 */

export interface CitedPath {
  /** Label of the path's end, e.g. `state-1 · 3f2a9c1e`. */
  terminal: string;
  controllers: readonly string[];
  /** What perturbed each step (parallel to `controllers`), from `perturbationMark`. */
  marks?: ReadonlyArray<string | undefined>;
}

/** What perturbed a step, as the dump records it: `crash`, `manager restart`, `stale read`, `user action 2`. */
export function perturbationMark(step: Pick<DumpStep, "stepMetadata" | "stalenessInfo">): string | undefined {
  const meta = step.stepMetadata ?? {};
  const marks = [
    ...(meta["ctrlhunt.crashed"] === "true" ? ["crash"] : []),
    ...(meta["ctrlhunt.restart"] === "manager" ? ["manager restart"] : []),
    ...(step.stalenessInfo?.length ? ["stale read"] : []),
    ...(meta["userAction.index"] !== undefined ? [`user action ${meta["userAction.index"]}`] : []),
  ];
  return marks.length ? marks.join(" + ") : undefined;
}

const MARK = "⚡ ";

/** Step labels: the controller, with what perturbed the step after it. */
function stepLabels(p: CitedPath): string[] {
  return p.controllers.map((c, i) => {
    const m = p.marks?.[i];
    return m ? `${c} ${MARK}${m}` : c;
  });
}

interface Node {
  id: string;
  label: string;
  children: Node[];
  terminals: string[];
}

/** Mermaid label text: quotes, angle brackets, backticks and `#` as Mermaid entity codes. */
export function mermaidLabel(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/[\r\n|]+/g, " ");
}

/** Collapse runs of one controller: A, A, A, B → A ×3, B (long cycling paths stay readable). */
export function runLengths(controllers: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < controllers.length) {
    let j = i;
    while (j < controllers.length && controllers[j] === controllers[i]) j++;
    out.push(j - i > 1 ? `${controllers[i]} ×${j - i}` : controllers[i]);
    i = j;
  }
  return out;
}

const MAX_SHARED = 3;

/** `, incl. crash`: perturbations hidden inside a collapsed shared prefix stay named. */
function sharedMarks(labels: readonly string[]): string {
  const marks = labels.flatMap((l) => (l.includes(MARK) ? [l.slice(l.indexOf(MARK) + MARK.length)] : []));
  return marks.length ? `, incl. ${[...new Set(marks)].join(", ")}` : "";
}

export function divergenceDiagram(paths: readonly CitedPath[]): string {
  const seqs = paths.map((p) => runLengths(stepLabels(p)));
  let shared = 0;
  while (seqs.length > 1 && seqs.every((s) => s.length > shared + 1 && s[shared] === seqs[0][shared]))
    shared++;
  let next = 0;
  const root: Node = { id: "start", label: "start", children: [], terminals: [] };
  let prefixEnd = root;
  if (shared > MAX_SHARED) {
    // A long common prefix is one node: the diagram is about where the paths part.
    prefixEnd = {
      id: `n${next++}`,
      label: `${shared} shared steps, last ${seqs[0][shared - 1]}${sharedMarks(seqs[0].slice(0, shared - 1))}`,
      children: [],
      terminals: [],
    };
    root.children.push(prefixEnd);
  }
  paths.forEach((p, i) => {
    let at = prefixEnd;
    for (const label of seqs[i].slice(shared > MAX_SHARED ? shared : 0)) {
      let child = at.children.find((c) => c.label === label);
      if (!child) {
        child = { id: `n${next++}`, label, children: [], terminals: [] };
        at.children.push(child);
      }
      at = child;
    }
    at.terminals.push(p.terminal);
  });
  const lines = ["flowchart LR", `  start(["start"])`];
  const perturbed: string[] = [];
  let t = 0;
  const walk = (n: Node) => {
    for (const c of n.children) {
      lines.push(`  ${n.id} --> ${c.id}["${mermaidLabel(c.label)}"]`);
      if (c.label.includes(MARK)) perturbed.push(c.id);
      walk(c);
    }
    for (const term of n.terminals) lines.push(`  ${n.id} --> t${t++}[["${mermaidLabel(term)}"]]`);
  };
  walk(root);
  if (perturbed.length)
    lines.push(
      "  classDef perturbed stroke:#d33,stroke-width:3px",
      `  class ${perturbed.join(",")} perturbed`,
    );
  return lines.join("\n");
}
