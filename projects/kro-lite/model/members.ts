import type { KubeObj } from "ctrlhunt";
import { stableStringify } from "../../_shared/stable.ts";
import type { DesiredChild } from "./children.ts";
import { MEMBERS_ANNOTATION } from "./kinds.ts";

/** The applyset membership record: what the controller has (it believes) applied, per graph id. */
export type Members = Record<string, { kind: string; name: string; hash: string }>;

export function readMembers(app: KubeObj): Members {
  const raw = app.metadata.annotations?.[MEMBERS_ANNOTATION];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Members;
  } catch {
    return {};
  }
}

export function membersOf(children: DesiredChild[]): Members {
  return Object.fromEntries(
    children.map((c) => [c.id, { kind: c.kind, name: c.object.metadata.name, hash: c.hash }]),
  );
}

export function sameMembers(a: Members, b: Members): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** The instance with its membership record replaced (a metadata-only change). */
export function withMembers(app: KubeObj, members: Members): KubeObj {
  return {
    ...app,
    metadata: {
      ...app.metadata,
      annotations: { ...app.metadata.annotations, [MEMBERS_ANNOTATION]: stableStringify(members) },
    },
  };
}
