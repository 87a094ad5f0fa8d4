// kratix-lite-go: the kratix-lite model (Kratix K5: every WorkPlacement writes its own outcome to the parent Work's
// Ready condition) as Go controllers on kamera's explorer. The logic is the TypeScript model's in
// projects/kratix-lite/model, line for line. Run it through ctrlhunt: projects/kratix-lite-go/project.json.
package main

import (
	"github.com/ctrlhunt/harness/kamera/kit"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

func main() {
	h := kit.New("kratix-lite-go", runtime.NewScheme)
	h.WithReconciler("WorkController", func(c client.Client) tracecheck.Reconciler {
		return &WorkReconciler{Client: c}
	})
	h.WithReconciler("WorkPlacementController", func(c client.Client) tracecheck.Reconciler {
		return &WorkPlacementReconciler{Client: c}
	})
	h.AssignReconcilerToKind("WorkController", "platform.kratix.io/Work")
	h.AssignReconcilerToKind("WorkPlacementController", "platform.kratix.io/WorkPlacement")
	h.WithResourceDep("platform.kratix.io/WorkPlacement", "WorkController")
	h.WithResourceDep("platform.kratix.io/Destination", "WorkController", "WorkPlacementController")
	h.WithResourceDep("platform.kratix.io/BucketStateStore", "WorkPlacementController")
	h.WithResourceDep("platform.kratix.io/Work", "WorkPlacementController")
	h.Main()
}
