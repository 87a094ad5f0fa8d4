/**
 * clean-merge-patch (clean control). Two controllers decorate the same Namespace: TeamLabeler sets the `team` label
 * from a Team, CostAnnotator sets the `cost-center` annotation from a CostCenter. Each sends a JSON merge patch that
 * names only its own key and no resourceVersion, which the API server merges into the live object, so neither can
 * wipe the other's key whatever the order. No bug is planted, and no invariant is declared: every ordering must end
 * in the same state.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

type Team = KubeObj & { spec?: { namespace?: string } };
type CostCenter = KubeObj & { spec?: { namespace?: string; code?: string } };

export default defineProject({
  name: "clean-merge-patch",
  controllers: [
    defineController({
      id: "TeamLabeler",
      for: "demo.example/Team",
      reconcile(ctx, req) {
        const team = ctx.get<Team>("demo.example/Team", req);
        const ns = team?.spec?.namespace;
        if (!team || !ns) return;
        ctx.patch({
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: ns, labels: { "demo.example/team": req.name } },
        });
      },
    }),
    defineController({
      id: "CostAnnotator",
      for: "demo.example/CostCenter",
      reconcile(ctx, req) {
        const cc = ctx.get<CostCenter>("demo.example/CostCenter", req);
        const ns = cc?.spec?.namespace;
        if (!cc || !ns || !cc.spec?.code) return;
        ctx.patch({
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: ns, annotations: { "demo.example/cost-center": cc.spec.code } },
        });
      },
    }),
  ],
});
