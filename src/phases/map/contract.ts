import { isCanonicalKind, type SurfaceIssue, type SurfaceMap } from "../../formats/surface-map.ts";

/**
 * The dependency-graph contract checks of workflow Phase A, applied to a surface map: every controller has a
 * primary trigger, kinds are canonical `group/Kind`, every edge resolves to a known kind or controller, no
 * duplicate tuples, unique IDs; plus registration (a controller that is never registered gives silent negatives).
 */
export function checkSurfaceContract(map: SurfaceMap): SurfaceIssue[] {
  const issues: SurfaceIssue[] = [];
  const err = (path: string, message: string) => issues.push({ path, message, severity: "error" });
  const kinds = new Set(map.kinds.map((k) => k.kind));
  const ids = new Set<string>();

  const kindRef = (path: string, kind: string) => {
    if (!isCanonicalKind(kind)) err(path, `kind "${kind}" is not canonical group/Kind${suggest(kind)}`);
    else if (!kinds.has(kind)) err(path, `kind "${kind}" does not resolve to an entry of kinds[]`);
  };

  map.kinds.forEach((k, i) => {
    if (!isCanonicalKind(k.kind))
      err(`kinds[${i}].kind`, `kind "${k.kind}" is not canonical group/Kind${suggest(k.kind)}`);
    if (k.gvk && !/^[a-z0-9.-]+\/v\d+((alpha|beta)\d+)?\/[A-Z]\w*$/.test(k.gvk))
      err(`kinds[${i}].gvk`, `gvk "${k.gvk}" is not group/version/Kind`);
  });
  dupes(map.kinds.map((k) => k.kind)).forEach((k) => {
    err("kinds", `kind "${k}" listed twice`);
  });

  map.controllers.forEach((c, i) => {
    const at = `controllers[${i}]`;
    if (ids.has(c.id)) err(`${at}.id`, `duplicate controller id "${c.id}"`);
    ids.add(c.id);
    if (!c.for) err(`${at}.for`, `controller ${c.id} has no primary trigger (For)`);
    else kindRef(`${at}.for`, c.for);
    c.owns.forEach((k, j) => {
      kindRef(`${at}.owns[${j}]`, k);
    });
    c.watches.forEach((w, j) => {
      kindRef(`${at}.watches[${j}].kind`, w.kind);
    });
    c.reads.forEach((r, j) => {
      kindRef(`${at}.reads[${j}].kind`, r.kind);
    });
    c.writes.forEach((w, j) => {
      kindRef(`${at}.writes[${j}].kind`, w.kind);
    });
    const triggerTuples = [
      ...c.owns.map((k) => `owns ${k}`),
      ...c.watches.map((w) => `watches ${w.kind}`),
      ...(c.for ? [`primary ${c.for}`] : []),
    ];
    dupes(triggerTuples).forEach((t) => {
      err(at, `duplicate trigger edge (${c.id}, ${t})`);
    });
    dupes(c.reads.map((r) => `${r.kind} ${r.op ?? "read"}`)).forEach((t) => {
      err(`${at}.reads`, `duplicate read edge (${c.id}, ${t})`);
    });
    dupes(c.writes.map((w) => `${w.kind} ${w.op} ${w.surface}`)).forEach((t) => {
      err(`${at}.writes`, `duplicate write edge (${c.id}, ${t})`);
    });
    if (!c.registered)
      issues.push({
        path: `${at}.registered`,
        message: `controller ${c.id} (${c.source}) is never registered from an entrypoint: scenarios would give silent negatives`,
        severity: "warning",
      });
  });

  const ctrlRef = (path: string, id: string) => {
    if (id !== "External User" && !ids.has(id))
      err(path, `controller "${id}" does not resolve to controllers[]`);
  };
  map.multiWrites.forEach((m, i) => {
    ctrlRef(`multiWrites[${i}].controller`, m.controller);
  });
  map.sharedState.forEach((s, i) => {
    s.controllers.forEach((c, j) => {
      ctrlRef(`sharedState[${i}].controllers[${j}]`, c);
    });
  });
  map.vulnerabilityWindows.forEach((w, i) => {
    ctrlRef(`vulnerabilityWindows[${i}].reader`, w.reader);
    w.writers.forEach((c, j) => {
      ctrlRef(`vulnerabilityWindows[${i}].writers[${j}]`, c);
    });
    kindRef(`vulnerabilityWindows[${i}].kind`, w.kind);
  });
  map.dataFlows.forEach((f, i) => {
    f.links.forEach((l, j) => {
      ctrlRef(`dataFlows[${i}].links[${j}].controller`, l.controller);
      kindRef(`dataFlows[${i}].links[${j}].kind`, l.kind);
    });
  });
  return issues;
}

function dupes(values: string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const v of values) (seen.has(v) ? out : seen).add(v);
  return [...out];
}

/** "v1/Pod" → core/Pod, "apps/v1/Deployment" → apps/Deployment. */
function suggest(kind: string): string {
  const parts = kind.split("/");
  const isVer = (s: string) => /^v\d+((alpha|beta)\d+)?$/.test(s);
  if (parts.length === 2 && isVer(parts[0])) return ` (use "core/${parts[1]}")`;
  if (parts.length === 3 && isVer(parts[1]))
    return ` (use "${parts[0] === "" ? "core" : parts[0]}/${parts[2]}")`;
  if (parts.length === 1) return ` (use "<group>/${kind}", "core/${kind}" for the core group)`;
  return "";
}
