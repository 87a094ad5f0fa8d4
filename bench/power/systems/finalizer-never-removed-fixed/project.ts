/**
 * finalizer-never-removed-fixed (twin of finalizer-never-removed). WorkspaceController lists every Workspace in a
 * shared index, a ConfigMap `<ns>-<name>` in `workspace-index`, guarded by a finalizer. Fixed: on deletion it deletes
 * the index entry (NotFound counts as done) and then drops its finalizer, so the Workspace goes away.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const WORKSPACE = "demo.example/Workspace";
const CONFIGMAP = "core/ConfigMap";
const FINALIZER = "demo.example/workspace-index";

const entryKey = (ns: string, name: string) => ({ namespace: "workspace-index", name: `${ns}-${name}` });

export default defineProject({
  name: "finalizer-never-removed-fixed",
  controllers: [
    defineController({
      id: "WorkspaceController",
      for: WORKSPACE,
      reconcile(ctx, req) {
        const ws = ctx.get(WORKSPACE, req);
        if (!ws) return;
        const finalizers = ws.metadata.finalizers ?? [];
        if (ws.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          try {
            ctx.delete(CONFIGMAP, entryKey(req.namespace, req.name));
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...ws,
            metadata: { ...ws.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...ws, metadata: { ...ws.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: entryKey(req.namespace, req.name),
            data: { workspace: `${req.namespace}/${req.name}` },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
  ],
});
