import { defineProject, type ProjectDefinition } from "ctrlhunt";
import { compositeController } from "./composite-controller.ts";
import { compositionController } from "./composition-controller.ts";
import { nopProvider } from "./nop-provider.ts";
import { revisionController } from "./revision-controller.ts";

export * from "./kinds.ts";

/** The crossplane-lite system: composition revisions, their validation, the XR controller and a provider. */
export function crossplaneLite(): ProjectDefinition {
  return defineProject({
    name: "crossplane-lite",
    description:
      "XR controller that selects CompositionRevisions from a cache it never watches (Crossplane F1/F5 pattern)",
    upstream: "github.com/crossplane/crossplane (model of composition revisions + XR reconciler)",
    controllers: [compositionController, revisionController, compositeController, nopProvider],
  });
}
