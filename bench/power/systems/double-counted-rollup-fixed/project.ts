/**
 * double-counted-rollup-fixed (twin of double-counted-rollup). RollupController keeps a Project's
 * `status.passedBuilds` up to date. Fixed: instead of incrementing a stored counter and marking the Build as
 * counted (two writes a crash or a lagging cache can split), it derives the value from the world on every
 * reconcile: it lists the project's Builds, counts the passed ones and writes that number (an optimistic status
 * update: a stale Project copy gets Conflict and is retried). Reconciling once more, or after a restart, writes the
 * same value again.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const BUILD = "demo.example/Build";
const PROJECT = "demo.example/Project";
const PROJECT_LABEL = "demo.example/project";

type Build = KubeObj & { spec?: { result?: string } };
type Project = KubeObj & { status?: { passedBuilds?: number } };

export default defineProject({
  name: "double-counted-rollup-fixed",
  controllers: [
    defineController({
      id: "RollupController",
      for: BUILD,
      reads: [PROJECT],
      reconcile(ctx, req) {
        const build = ctx.get<Build>(BUILD, req);
        if (!build) return;
        const projectName = build.metadata.labels?.[PROJECT_LABEL];
        if (!projectName) return;
        const project = ctx.get<Project>(PROJECT, { namespace: req.namespace, name: projectName });
        if (!project) throw new Error(`project ${projectName} not found yet`);
        const passed = ctx
          .list<Build>(BUILD, { namespace: req.namespace, labels: { [PROJECT_LABEL]: projectName } })
          .filter((b) => b.spec?.result === "passed").length;
        if ((project.status?.passedBuilds ?? 0) !== passed)
          ctx.updateStatus({ ...project, status: { passedBuilds: passed } });
      },
    }),
  ],
  invariants: [
    {
      name: "a project counts each passed build once",
      check(view) {
        return (view.list(PROJECT) as Project[]).flatMap((p) => {
          const ns = p.metadata.namespace ?? "";
          const passed = (
            view.list(BUILD, { namespace: ns, labels: { [PROJECT_LABEL]: p.metadata.name } }) as Build[]
          ).filter((b) => b.spec?.result === "passed").length;
          const counted = p.status?.passedBuilds ?? 0;
          return counted === passed
            ? []
            : [
                {
                  message: `Project ${ns}/${p.metadata.name} reports ${counted} passed builds, has ${passed}`,
                  objects: [{ kind: PROJECT, namespace: ns, name: p.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
