/**
 * double-counted-rollup (planted). RollupController keeps a Project's `status.passedBuilds` up to date: when a
 * Build of the project has `spec.result: passed`, it increments the Project's counter and then marks the Build
 * `status.counted: true` so that it is not counted again. The bug is the classic non-idempotent reconcile: it
 * increments a stored counter instead of deriving the value from the world. The two writes are not atomic, so a
 * crash between them (the restart sees `counted` unset and increments again), or a Build cache that does not show
 * the controller's own `counted` write yet, counts one Build twice, for good. The twin (double-counted-rollup-fixed)
 * derives the counter from the world: it lists the project's passed Builds and writes their number.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const BUILD = "demo.example/Build";
const PROJECT = "demo.example/Project";
const PROJECT_LABEL = "demo.example/project";

type Build = KubeObj & { spec?: { result?: string }; status?: { counted?: boolean } };
type Project = KubeObj & { status?: { passedBuilds?: number } };

export default defineProject({
  name: "double-counted-rollup",
  controllers: [
    defineController({
      id: "RollupController",
      for: BUILD,
      reads: [PROJECT],
      reconcile(ctx, req) {
        const build = ctx.get<Build>(BUILD, req);
        if (!build || build.spec?.result !== "passed" || build.status?.counted) return;
        const projectName = build.metadata.labels?.[PROJECT_LABEL];
        if (!projectName) return;
        const project = ctx.get<Project>(PROJECT, { namespace: req.namespace, name: projectName });
        if (!project) throw new Error(`project ${projectName} not found yet`);
        ctx.updateStatus({ ...project, status: { passedBuilds: (project.status?.passedBuilds ?? 0) + 1 } });
        ctx.updateStatus({ ...build, status: { counted: true } });
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
