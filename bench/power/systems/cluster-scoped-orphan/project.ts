/**
 * cluster-scoped-orphan (planted). Each Project (namespaced) gets a cluster-scoped ClusterRoleBinding
 * `project-<ns>-<name>-admins` granting its admin group. A namespaced object cannot own a cluster-scoped one, so the
 * binding carries no ownerReference, and the controller has no finalizer either. The bug: deleting a Project leaves
 * its admin binding in place forever: a permission leak. The twin (cluster-scoped-orphan-fixed) holds a finalizer on
 * the Project (added before the binding is created) and deletes the binding before releasing it.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const PROJECT = "demo.example/Project";
const BINDING = "rbac.authorization.k8s.io/ClusterRoleBinding";
const PROJECT_LABEL = "demo.example/project";

type Project = KubeObj & { spec?: { adminGroup?: string } };

const bindingName = (ns: string, name: string) => `project-${ns}-${name}-admins`;

export default defineProject({
  name: "cluster-scoped-orphan",
  controllers: [
    defineController({
      id: "ProjectController",
      for: PROJECT,
      reconcile(ctx, req) {
        const p = ctx.get<Project>(PROJECT, req);
        if (!p || p.metadata.deletionTimestamp) return;
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
