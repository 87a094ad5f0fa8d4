import { authorScenarios, formatAuthorSummary } from "./author/index.ts";
import { authorAccess, embeddedAccess } from "./engine-access.ts";
import { formatSurfaceSummary, mapProject } from "./map/index.ts";
import type { PhaseName } from "./registry.ts";

/** The deterministic (no model) implementation of a phase: what `--agent offline` runs. */
export type OfflineRunner = (o: {
  root: string;
  project: string;
}) => Promise<{ summary: string; ok: boolean; result: unknown }>;

/** Offline runners by phase. map and author live here; `hunt` adds the rest from the other rooms. */
export const OFFLINE_RUNNERS: Partial<Record<PhaseName, OfflineRunner>> = {
  map: async ({ root, project }) => {
    const res = await mapProject({ root, project, embedded: embeddedAccess() });
    return { summary: formatSurfaceSummary(res.map, res.file), ok: res.errors.length === 0, result: res };
  },
  author: async ({ root, project }) => {
    const res = await authorScenarios({ root, project, access: authorAccess(root, project) });
    return { summary: formatAuthorSummary(res), ok: true, result: res };
  },
};
