/**
 * finalizer-never-removed (planted; every path). WorkspaceController lists every Workspace in a shared index, a
 * ConfigMap `<ns>-<name>` in `workspace-index` (another namespace, so a finalizer guards the cleanup). On deletion it
 * deletes the index entry — and returns. The bug: it never removes its finalizer, so every deleted Workspace stays
 * terminating forever, on every path (no perturbation needed). The twin (finalizer-never-removed-fixed) drops the
 * finalizer after the entry is gone.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const WORKSPACE = "demo.example/Workspace";
const CONFIGMAP = "core/ConfigMap";
const FINALIZER = "demo.example/workspace-index";

const entryKey = (ns: string, name: string) => ({ namespace: "workspace-index", name: `${ns}-${name}` });

export default defineProject({
  name: "finalizer-never-removed",
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
          return; // BUG: the finalizer is never removed
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
