// toggle-race-go: kamera's racecondition example (examples/racecondition: controllers racing to own one Toggle) with
// a planted handover bug, as Go controllers on kamera's explorer; its TypeScript twin is projects/toggle-race.
// Run it through ctrlhunt: projects/toggle-race-go/project.json.
package main

import (
	"github.com/ctrlhunt/harness/kamera/kit"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

func main() {
	h := kit.New("toggle-race-go", runtime.NewScheme)
	h.WithReconciler("AlphaController", func(c client.Client) tracecheck.Reconciler {
		return &ToggleReconciler{Client: c, ControllerID: "alpha"}
	})
	h.WithReconciler("BetaController", func(c client.Client) tracecheck.Reconciler {
		return &ToggleReconciler{Client: c, ControllerID: "beta"}
	})
	h.WithReconciler("GammaController", func(c client.Client) tracecheck.Reconciler {
		return &ToggleReconciler{Client: c, ControllerID: "gamma"}
	})
	h.AssignReconcilerToKind("AlphaController", "race.examples/Toggle")
	h.AssignReconcilerToKind("BetaController", "race.examples/Toggle")
	h.AssignReconcilerToKind("GammaController", "race.examples/Toggle")
	h.Main()
}
