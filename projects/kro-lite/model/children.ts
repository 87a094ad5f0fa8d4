import type { KubeObj } from "ctrlhunt";
import { controllerRef, specOf, statusOf } from "../../_shared/objects.ts";
import { shortHash } from "../../_shared/stable.ts";
import { DEPLOYMENT, INGRESS, PART_OF_LABEL, SERVICE } from "./kinds.ts";

/** One rendered child of an instance: its graph id, canonical kind and the object to apply. */
export interface DesiredChild {
  id: string;
  kind: string;
  object: KubeObj;
  hash: string;
}

interface AppSpec {
  name: string;
  image: string;
  replicas?: number;
  port?: number;
  ingress?: { enabled?: boolean; host?: string };
}

function base(app: KubeObj, apiVersion: string, kind: string, name: string): KubeObj {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: app.metadata.namespace,
      labels: { app: name, [PART_OF_LABEL]: `${app.metadata.name}` },
      ownerReferences: [controllerRef(app)],
    },
  };
}

/** The lite stand-in for kro's CEL templates: one renderer per graph resource kind. */
const RENDER: Record<string, (app: KubeObj, s: AppSpec) => KubeObj | null> = {
  [DEPLOYMENT]: (app, s) => ({
    ...base(app, "apps/v1", "Deployment", s.name),
    spec: {
      replicas: s.replicas ?? 1,
      selector: { matchLabels: { app: s.name } },
      template: {
        metadata: { labels: { app: s.name } },
        spec: { containers: [{ name: "app", image: s.image, ports: [{ containerPort: s.port ?? 80 }] }] },
      },
    },
  }),
  [SERVICE]: (app, s) => ({
    ...base(app, "v1", "Service", s.name),
    spec: { selector: { app: s.name }, ports: [{ port: 80, targetPort: s.port ?? 80 }] },
  }),
  // includeWhen: ${schema.spec.ingress.enabled}
  [INGRESS]: (app, s) =>
    s.ingress?.enabled
      ? {
          ...base(app, "networking.k8s.io/v1", "Ingress", s.name),
          spec: {
            rules: [
              {
                host: s.ingress.host ?? `${s.name}.example.com`,
                http: {
                  paths: [{ path: "/", backend: { service: { name: s.name, port: { number: 80 } } } }],
                },
              },
            ],
          },
        }
      : null,
};

/** Children of `app` in the graph's topological order, with the content hash the applyset record keeps. */
export function renderChildren(app: KubeObj, rgd: KubeObj): DesiredChild[] {
  const resources = (specOf(rgd).resources ?? []) as Array<{ id: string; kind: string }>;
  const order = (statusOf(rgd).topologicalOrder ?? []) as string[];
  const spec = specOf(app) as unknown as AppSpec;
  return order.flatMap((id) => {
    const res = resources.find((r) => r.id === id);
    const object = res ? RENDER[res.kind]?.(app, spec) : null;
    return res && object ? [{ id, kind: res.kind, object, hash: shortHash({ spec: object.spec }) }] : [];
  });
}
