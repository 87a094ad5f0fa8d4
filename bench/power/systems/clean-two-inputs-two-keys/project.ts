/**
 * clean-two-inputs-two-keys (clean control). The ConfigMap shop/storefront-settings is shared by two controllers,
 * each owning one key: FlagController copies the FeatureFlag `checkout-v2`'s `spec.enabled` into
 * `data.checkoutV2`, QuotaController copies the RateQuota `storefront`'s `spec.rps` into `data.rps`. Both write
 * with a JSON merge patch of their own key only, so no write undoes the other's. Two user actions land together (the
 * flag is turned on, the quota raised): in every order both keys end right. No invariant is declared: every
 * ordering must end in the same state. No bug is planted.
 */
import { defineController, defineProject, type KubeObj, type ReconcileContext } from "ctrlhunt";

const FLAG = "demo.example/FeatureFlag";
const QUOTA = "demo.example/RateQuota";
const CONFIGMAP = "core/ConfigMap";
const TARGET = { namespace: "shop", name: "storefront-settings" };

type ConfigMap = KubeObj & { data?: Record<string, string> };

function setKey(ctx: ReconcileContext, key: string, value: string) {
  const cm = ctx.get<ConfigMap>(CONFIGMAP, TARGET);
  if (cm?.data?.[key] === value) return;
  ctx.patch({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...TARGET }, data: { [key]: value } });
}

export default defineProject({
  name: "clean-two-inputs-two-keys",
  controllers: [
    defineController({
      id: "FlagController",
      for: FLAG,
      watches: [
        {
          kind: CONFIGMAP,
          map: (cm) => (cm.metadata.name === TARGET.name ? [{ namespace: "shop", name: "checkout-v2" }] : []),
        },
      ],
      reconcile(ctx, req) {
        const flag = ctx.get<KubeObj & { spec?: { enabled?: boolean } }>(FLAG, req);
        if (flag) setKey(ctx, "checkoutV2", String(flag.spec?.enabled === true));
      },
    }),
    defineController({
      id: "QuotaController",
      for: QUOTA,
      watches: [
        {
          kind: CONFIGMAP,
          map: (cm) => (cm.metadata.name === TARGET.name ? [{ namespace: "shop", name: "storefront" }] : []),
        },
      ],
      reconcile(ctx, req) {
        const quota = ctx.get<KubeObj & { spec?: { rps?: number } }>(QUOTA, req);
        if (quota?.spec?.rps) setKey(ctx, "rps", String(quota.spec.rps));
      },
    }),
  ],
});
