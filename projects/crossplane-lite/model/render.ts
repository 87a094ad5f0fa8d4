import type { KubeObj } from "ctrlhunt";
import { controllerRef, specOf } from "../../_shared/objects.ts";
import { COMPOSITE_LABEL } from "./kinds.ts";

interface PatchAndTransformInput {
  resources?: Array<{
    name: string;
    base: KubeObj;
    patches?: Array<{ fromFieldPath: string; toFieldPath: string }>;
  }>;
}

function getPath(obj: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    o[k] = next && typeof next === "object" ? { ...(next as Record<string, unknown>) } : {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/**
 * Run the revision's function-patch-and-transform step in process (the lite stand-in for the function call):
 * every resource's base, patched from the XR, named `<xr>-<resource>`, labelled and owned by the XR.
 */
export function renderComposed(xr: KubeObj, revision: KubeObj): KubeObj[] {
  const steps = (specOf(revision).pipeline ?? []) as Array<{ input?: PatchAndTransformInput }>;
  return steps.flatMap((s) =>
    (s.input?.resources ?? []).map((r) => {
      const obj = structuredClone(r.base) as KubeObj & Record<string, unknown>;
      for (const p of r.patches ?? []) {
        const v = getPath(xr, p.fromFieldPath);
        if (v !== undefined) setPath(obj, p.toFieldPath, v);
      }
      obj.metadata = {
        ...obj.metadata,
        name: `${xr.metadata.name}-${r.name}`,
        namespace: xr.metadata.namespace,
        labels: { ...obj.metadata?.labels, [COMPOSITE_LABEL]: xr.metadata.name },
        ownerReferences: [controllerRef(xr)],
      };
      return obj;
    }),
  );
}
