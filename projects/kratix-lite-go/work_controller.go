package main

import (
	"context"
	"sort"

	"github.com/ctrlhunt/harness/kamera/kit"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

const workLabel = "kratix.io/work"

// WorkReconciler schedules a Work onto every matching Destination (one WorkPlacement each) and reports scheduling in
// the Work's status. Ready is left to the placements (the bug).
type WorkReconciler struct {
	client.Client
}

func matches(dest *unstructured.Unstructured, selectors []any) bool {
	for _, s := range selectors {
		sel, _ := s.(map[string]any)
		labels := kit.Map(sel, "matchLabels")
		all := true
		for k, v := range labels {
			if dest.GetLabels()[k] != v {
				all = false
			}
		}
		if all {
			return true
		}
	}
	return false
}

func placementFor(work, dest *unstructured.Unstructured) *unstructured.Unstructured {
	wp := &unstructured.Unstructured{}
	wp.SetAPIVersion("platform.kratix.io/v1alpha1")
	wp.SetKind("WorkPlacement")
	wp.SetName(work.GetName() + "." + dest.GetName())
	wp.SetNamespace(work.GetNamespace())
	wp.SetLabels(map[string]string{workLabel: work.GetName()})
	controller := true
	wp.SetOwnerReferences([]metav1.OwnerReference{{
		APIVersion: work.GetAPIVersion(), Kind: work.GetKind(), Name: work.GetName(), UID: work.GetUID(), Controller: &controller,
	}})
	workloads, ok, _ := unstructured.NestedSlice(work.Object, "spec", "workloads")
	if !ok {
		workloads = []any{}
	}
	wp.Object["spec"] = map[string]any{"targetDestinationName": dest.GetName(), "workloads": workloads}
	return wp
}

func (r *WorkReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	work := &unstructured.Unstructured{}
	work.SetAPIVersion("platform.kratix.io/v1alpha1")
	work.SetKind("Work")
	if err := r.Get(ctx, req.NamespacedName, work); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if work.GetDeletionTimestamp() != nil {
		return ctrl.Result{}, nil
	}
	selectors, _, _ := unstructured.NestedSlice(work.Object, "spec", "destinationSelectors")
	destList := &unstructured.UnstructuredList{}
	destList.SetAPIVersion("platform.kratix.io/v1alpha1")
	destList.SetKind("DestinationList")
	if err := r.List(ctx, destList); err != nil {
		return ctrl.Result{}, err
	}
	var dests []*unstructured.Unstructured
	for i := range destList.Items {
		if matches(&destList.Items[i], selectors) {
			dests = append(dests, &destList.Items[i])
		}
	}
	sort.Slice(dests, func(i, j int) bool { return dests[i].GetName() < dests[j].GetName() })
	// kamera's List ignores options: filter by namespace and label here, as the API server would.
	wpList := &unstructured.UnstructuredList{}
	wpList.SetAPIVersion("platform.kratix.io/v1alpha1")
	wpList.SetKind("WorkPlacementList")
	if err := r.List(ctx, wpList, client.InNamespace(req.Namespace), client.MatchingLabels{workLabel: req.Name}); err != nil {
		return ctrl.Result{}, err
	}
	placed := map[string]bool{}
	count := 0
	for _, p := range wpList.Items {
		if p.GetNamespace() != req.Namespace || p.GetLabels()[workLabel] != req.Name {
			continue
		}
		count++
		placed[kit.String(p.Object, "spec", "targetDestinationName")] = true
	}
	for _, d := range dests {
		if !placed[d.GetName()] {
			if err := r.Create(ctx, placementFor(work, d)); err != nil && !apierrors.IsAlreadyExists(err) {
				return ctrl.Result{}, err
			}
		}
	}
	status := runtime.DeepCopyJSON(kit.Map(work.Object, "status"))
	if status == nil {
		status = map[string]any{}
	}
	scheduled := kit.Condition("Scheduled", "False", "NoMatchingDestination", "")
	if len(dests) > 0 {
		scheduled = kit.Condition("Scheduled", "True", "ScheduledToDestinations", "")
	}
	status["workPlacements"] = int64(len(dests))
	status["workPlacementsCreated"] = int64(count)
	status["conditions"] = kit.SetCondition(status["conditions"], scheduled)
	if kit.SameJSON(status, work.Object["status"]) {
		return ctrl.Result{}, nil
	}
	work.Object["status"] = status
	return ctrl.Result{}, r.Status().Update(ctx, work)
}

// SetupWithManager is the controller-runtime wiring a real deployment uses (the harness registers the reconciler
// with kamera in main instead); `ctrlhunt map` reads the controller's triggers from it.
func (r *WorkReconciler) SetupWithManager(mgr ctrl.Manager) error {
	work := &unstructured.Unstructured{}
	work.SetAPIVersion("platform.kratix.io/v1alpha1")
	work.SetKind("Work")
	placement := &unstructured.Unstructured{}
	placement.SetAPIVersion("platform.kratix.io/v1alpha1")
	placement.SetKind("WorkPlacement")
	return ctrl.NewControllerManagedBy(mgr).Named("WorkController").For(work).Owns(placement).Complete(r)
}
