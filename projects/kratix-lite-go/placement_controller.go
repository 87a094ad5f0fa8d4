package main

import (
	"context"

	"github.com/ctrlhunt/harness/kamera/kit"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// WorkPlacementReconciler writes a placement's workloads to its Destination's state store (simulated: it succeeds
// iff the store exists), records the outcome on the placement and mirrors it onto the parent Work's Ready.
type WorkPlacementReconciler struct {
	client.Client
}

// writeToStateStore: the WriteSucceeded condition and, on success, the written version's id.
func (r *WorkPlacementReconciler) writeToStateStore(ctx context.Context, wp *unstructured.Unstructured) (map[string]any, string) {
	destName := kit.String(wp.Object, "spec", "targetDestinationName")
	dest := &unstructured.Unstructured{}
	dest.SetAPIVersion("platform.kratix.io/v1alpha1")
	dest.SetKind("Destination")
	destFound := r.Get(ctx, types.NamespacedName{Name: destName}, dest) == nil
	storeName := ""
	if destFound {
		storeName = kit.String(dest.Object, "spec", "stateStoreRef", "name")
	}
	store := &unstructured.Unstructured{}
	store.SetAPIVersion("platform.kratix.io/v1alpha1")
	store.SetKind("BucketStateStore")
	if !destFound || r.Get(ctx, types.NamespacedName{Name: storeName}, store) != nil {
		return kit.Condition("WriteSucceeded", "False", "StateStoreNotFound",
			destName+": no state store \""+storeName+"\""), ""
	}
	workloads, _, _ := unstructured.NestedSlice(wp.Object, "spec", "workloads")
	version := kit.ShortHash(map[string]any{"dest": destName, "workloads": workloads})
	return kit.Condition("WriteSucceeded", "True", "WorkloadsWritten", destName), version
}

// markWork mirrors this placement's outcome onto the parent Work's Ready condition. Every placement does this for
// itself, so with several placements Ready ends as whichever wrote last (Kratix K5).
func (r *WorkPlacementReconciler) markWork(ctx context.Context, wp *unstructured.Unstructured, cond map[string]any) error {
	work := &unstructured.Unstructured{}
	work.SetAPIVersion("platform.kratix.io/v1alpha1")
	work.SetKind("Work")
	key := types.NamespacedName{Namespace: wp.GetNamespace(), Name: wp.GetLabels()[workLabel]}
	if err := r.Get(ctx, key, work); err != nil {
		return client.IgnoreNotFound(err)
	}
	reason := "WorkplacementFailed"
	if cond["status"] == "True" {
		reason = "WorkplacementWritten"
	}
	msg, _ := cond["message"].(string)
	ready := kit.Condition("Ready", cond["status"].(string), reason, msg)
	status := runtime.DeepCopyJSON(kit.Map(work.Object, "status"))
	if status == nil {
		status = map[string]any{}
	}
	status["conditions"] = kit.SetCondition(status["conditions"], ready)
	if kit.SameJSON(status, work.Object["status"]) {
		return nil
	}
	work.Object["status"] = status
	return r.Status().Update(ctx, work)
}

func (r *WorkPlacementReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	wp := &unstructured.Unstructured{}
	wp.SetAPIVersion("platform.kratix.io/v1alpha1")
	wp.SetKind("WorkPlacement")
	if err := r.Get(ctx, req.NamespacedName, wp); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	cond, version := r.writeToStateStore(ctx, wp)
	status := runtime.DeepCopyJSON(kit.Map(wp.Object, "status"))
	if status == nil {
		status = map[string]any{}
	}
	status["conditions"] = kit.SetCondition(status["conditions"], cond)
	if version != "" {
		status["versionID"] = version
	}
	if !kit.SameJSON(status, wp.Object["status"]) {
		wp.Object["status"] = status
		if err := r.Status().Update(ctx, wp); err != nil {
			return ctrl.Result{}, err
		}
	}
	return ctrl.Result{}, r.markWork(ctx, wp, cond)
}

// SetupWithManager: the controller-runtime wiring (see WorkReconciler.SetupWithManager).
func (r *WorkPlacementReconciler) SetupWithManager(mgr ctrl.Manager) error {
	placement := &unstructured.Unstructured{}
	placement.SetAPIVersion("platform.kratix.io/v1alpha1")
	placement.SetKind("WorkPlacement")
	return ctrl.NewControllerManagedBy(mgr).Named("WorkPlacementController").For(placement).Complete(r)
}
