/**
 * cluster-scoped-orphan-fixed (twin of cluster-scoped-orphan). ProjectController adds a finalizer before it creates
 * the cluster-scoped binding; when the Project is deleted it deletes the binding (NotFound counts as done) and only
 * then releases the finalizer.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const PROJECT = "demo.example/Project";
const BINDING = "rbac.authorization.k8s.io/ClusterRoleBinding";
const PROJECT_LABEL = "demo.example/project";
const FINALIZER = "demo.example/admin-binding";

type Project = KubeObj & { spec?: { adminGroup?: string } };

const bindingName = (ns: string, name: string) => `project-${ns}-${name}-admins`;

export default defineProject({
  name: "cluster-scoped-orphan-fixed",
  controllers: [
    defineController({
      id: "ProjectController",
      for: PROJECT,
      reconcile(ctx, req) {
        const p = ctx.get<Project>(PROJECT, req);
        if (!p) return;
        const finalizers = p.metadata.finalizers ?? [];
        if (p.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          try {
            ctx.delete(BINDING, { namespace: "", name: bindingName(req.namespace, req.name) });
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...p,
            metadata: { ...p.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...p, metadata: { ...p.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        try {
          ctx.create({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: {
              name: bindingName(req.namespace, req.name),
              labels: { [PROJECT_LABEL]: `${req.namespace}.${req.name}` },
            },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "project-admin" },
            subjects: [{ kind: "Group", name: p.spec?.adminGroup ?? `${req.name}-admins` }],
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
  ],
  invariants: [
    {
      name: "no admin binding outlives its project",
      check(view) {
        return view
          .list(BINDING)
          .filter((b) => b.metadata.labels?.[PROJECT_LABEL])
          .filter((b) => {
            const [ns, name] = String(b.metadata.labels?.[PROJECT_LABEL]).split(".");
            return !view.get(PROJECT, String(name), ns);
          })
          .map((b) => ({
            message: `ClusterRoleBinding ${b.metadata.name} still grants a deleted project's admins`,
            objects: [{ kind: BINDING, namespace: "", name: b.metadata.name }],
          }));
      },
    },
  ],
});
