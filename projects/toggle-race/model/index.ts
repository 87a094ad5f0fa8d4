import { type ControllerDefinition, defineController, defineProject, type ProjectDefinition } from "ctrlhunt";
import { statusOf } from "../../_shared/objects.ts";
import { desiredOwnerHolds } from "./invariants.ts";

export const TOGGLE = "race.examples/Toggle";

/** The controllers racing for one Toggle, as in kamera's racecondition example (examples/racecondition). */
export const CONTROLLERS = {
  AlphaController: "alpha",
  BetaController: "beta",
  GammaController: "gamma",
} as const;

/**
 * A toggle controller claims `status.owner`. The planted bug (buggy variant): it claims only an unowned toggle, so
 * the desired owner (`spec.desired`) defers to whoever claimed first. kamera's example (the fixed variant) also
 * claims when `spec.desired` names it, which hands the toggle over.
 */
function toggleController(id: string, me: string, variant: "buggy" | "fixed"): ControllerDefinition {
  return defineController({
    id,
    for: TOGGLE,
    reconcile(ctx, req) {
      const toggle = ctx.get(TOGGLE, req);
      if (!toggle) return {};
      const owner = (statusOf(toggle).owner as string | undefined) ?? "";
      if (owner === me) return {};
      const desired = (toggle.spec as { desired?: string } | undefined)?.desired;
      const claim = owner === "" || (variant === "fixed" && desired === me);
      if (claim) ctx.updateStatus({ ...toggle, status: { ...statusOf(toggle), owner: me } });
      return {};
    },
  });
}

export function toggleRace(variant: "buggy" | "fixed"): ProjectDefinition {
  return defineProject({
    name: variant === "buggy" ? "toggle-race" : "toggle-race-fixed",
    description: "three controllers race to own one Toggle; the desired owner must end up owning it",
    upstream: "github.com/tgoodwin/kamera examples/racecondition (toggle controllers)",
    controllers: Object.entries(CONTROLLERS).map(([id, me]) => toggleController(id, me, variant)),
    invariants: [desiredOwnerHolds],
  });
}
