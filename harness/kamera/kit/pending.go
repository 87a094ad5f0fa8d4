package kit

import (
	"sync"

	"github.com/tgoodwin/kamera/pkg/event"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
)

// kamera cb1c3f3's step records carry neither the request a reconcile served nor the queue after it. The kit
// records the request (and Requeue) per frame from inside the guarded reconciler, and rebuilds each step's pending
// queue with kamera's own rules: the consumed entry leaves, the write set's triggers (sorted, deduplicated) go in
// front of what was still pending (DFS: lo.Union(triggered, stillPending)), a Requeue re-adds the request. Ordering
// variants only move one entry to the front, so the rebuilt queue is exact on every path.

type frameInfo struct {
	req     reconcile.Request
	requeue bool
}

type frameLog struct {
	mu     sync.Mutex
	frames map[string]frameInfo
}

func newFrameLog() *frameLog { return &frameLog{frames: map[string]frameInfo{}} }

func (f *frameLog) record(frameID string, req reconcile.Request, requeue bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.frames[frameID] = frameInfo{req: req, requeue: requeue}
}

func (f *frameLog) get(frameID string) (frameInfo, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, ok := f.frames[frameID]
	return i, ok
}

// corePrimaries are the controllers kamera's builder registers in every explorer (registerCoreControllers).
var corePrimaries = map[string][]string{
	"apps/Deployment": {"DeploymentController"},
	"apps/ReplicaSet": {"ReplicaSetController"},
	"core/Pod":        {"PodLifecycleController"},
	"core/Service":    {"EndpointsController", "ServiceController"},
}

func (h *Harness) primariesOfKind(canonical string) []string {
	out := append([]string(nil), corePrimaries[canonical]...)
	for id, k := range h.primary {
		if k == canonical {
			out = append(out, id)
		}
	}
	return out
}

// triggers is kamera's TriggerManager.getTriggered over a step's write effects.
func (h *Harness) triggers(effects []tracecheck.Effect, resolver tracecheck.VersionManager) []tracecheck.PendingReconcile {
	set := map[string]tracecheck.PendingReconcile{}
	add := func(id, ns, name string) {
		pr := tracecheck.PendingReconcile{ReconcilerID: id, Request: reconcile.Request{NamespacedName: namespaced(ns, name)}}
		set[pr.String()] = pr
	}
	for _, e := range effects {
		obj := resolver.Resolve(e.Version)
		if obj == nil {
			continue
		}
		ns, name := obj.GetNamespace(), obj.GetName()
		if e.OpType == event.MARK_FOR_DELETION {
			add("CleanupReconciler", ns, name)
		}
		for _, id := range h.primariesOfKind(canonicalKind(e.Key.IdentityKey.Group, e.Key.IdentityKey.Kind)) {
			add(id, ns, name)
		}
		for _, ref := range obj.GetOwnerReferences() {
			gv, _ := schema.ParseGroupVersion(ref.APIVersion)
			for _, id := range h.primariesOfKind(canonicalKind(gv.Group, ref.Kind)) {
				add(id, ns, ref.Name)
			}
		}
	}
	return sortedPending(set)
}

// pendingAlong rebuilds the queue after every step of a path, starting from the root's queue. nil entries mark
// steps whose queue cannot be rebuilt (a frame the kit did not record, e.g. kamera's CleanupReconciler).
func (h *Harness) pendingAlong(path tracecheck.ExecutionHistory, root []tracecheck.PendingReconcile, frames *frameLog, resolver tracecheck.VersionManager) [][]tracecheck.PendingReconcile {
	out := make([][]tracecheck.PendingReconcile, len(path))
	queue := root
	for i, step := range path {
		info, ok := frames.get(step.FrameID)
		if !ok || queue == nil {
			queue = nil
			continue
		}
		consumed := tracecheck.PendingReconcile{ReconcilerID: step.ControllerID, Request: info.req}
		triggered := h.triggers(step.Changes.Effects, resolver)
		if info.requeue {
			triggered = append(triggered, consumed)
		}
		next := []tracecheck.PendingReconcile{}
		seen := map[tracecheck.PendingReconcile]bool{}
		for _, pr := range triggered {
			if !seen[pr] {
				seen[pr] = true
				next = append(next, pr)
			}
		}
		for _, pr := range queue {
			if pr != consumed && !seen[pr] {
				seen[pr] = true
				next = append(next, pr)
			}
		}
		if step.Error == "" {
			out[i] = next
		}
		queue = next
	}
	return out
}
