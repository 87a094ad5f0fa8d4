package main

import (
	"context"

	"github.com/ctrlhunt/harness/kamera/kit"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// ToggleReconciler claims a Toggle for its controller. The planted bug: it claims only an unowned toggle, so the
// desired owner (spec.desired) defers to whoever claimed first; kamera's example also claims when
// spec.desired names it, which hands the toggle over.
type ToggleReconciler struct {
	client.Client
	ControllerID string
}

func (r *ToggleReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	toggle := &unstructured.Unstructured{}
	toggle.SetAPIVersion("race.examples/v1")
	toggle.SetKind("Toggle")
	if err := r.Get(ctx, req.NamespacedName, toggle); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	owner := kit.String(toggle.Object, "status", "owner")
	if owner != "" {
		return ctrl.Result{}, nil
	}
	if err := unstructured.SetNestedField(toggle.Object, r.ControllerID, "status", "owner"); err != nil {
		return ctrl.Result{}, err
	}
	return ctrl.Result{}, r.Status().Update(ctx, toggle)
}

// SetupControllers is the controller-runtime wiring a deployment uses (the harness registers the same reconcilers
// with kamera in main); `ctrlhunt map` reads the controllers' names and triggers from it.
func SetupControllers(mgr ctrl.Manager) error {
	toggle := &unstructured.Unstructured{}
	toggle.SetAPIVersion("race.examples/v1")
	toggle.SetKind("Toggle")
	if err := ctrl.NewControllerManagedBy(mgr).Named("AlphaController").For(toggle).
		Complete(&ToggleReconciler{Client: mgr.GetClient(), ControllerID: "alpha"}); err != nil {
		return err
	}
	if err := ctrl.NewControllerManagedBy(mgr).Named("BetaController").For(toggle).
		Complete(&ToggleReconciler{Client: mgr.GetClient(), ControllerID: "beta"}); err != nil {
		return err
	}
	return ctrl.NewControllerManagedBy(mgr).Named("GammaController").For(toggle).
		Complete(&ToggleReconciler{Client: mgr.GetClient(), ControllerID: "gamma"})
}
