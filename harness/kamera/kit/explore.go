package kit

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"

	"github.com/go-logr/logr"
	"github.com/tgoodwin/kamera/pkg/event"
	"github.com/tgoodwin/kamera/pkg/tag"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
)

// Outcome of one exploration phase.
type Outcome struct {
	Result   *tracecheck.Result
	Counters map[string]int
	Duration time.Duration
	// OneShot: a reference run that stopped after its first terminal branch.
	OneShot  bool
	TimedOut bool
	// Interrupted: a SIGTERM/SIGINT cut the exploration short (the run must stop, not go on to the next phase).
	Interrupted bool
	// Pending rebuilds the queue after each step of a path (pending.go); nil entries are unknown.
	Pending func(tracecheck.ExecutionHistory, tracecheck.VersionManager) [][]tracecheck.PendingReconcile
}

// explore runs kamera's explorer once. oneShot (reference) keeps the first terminal branch in kamera's DFS order,
// which is the branch that always runs the first pending reconcile; otherwise every ordering is explored.
func (h *Harness) explore(ctx context.Context, s Scenario, oneShot bool, depth int, log io.Writer) (*Outcome, error) {
	scheme := h.scheme()
	frames := newFrameLog()
	b := h.builder(scheme, frames)
	b.WithMaxDepth(depth)
	if err := h.staleBounds(b, s); err != nil {
		return nil, err
	}
	explorer, err := b.Build("standalone")
	if err != nil {
		return nil, fmt.Errorf("build kamera explorer: %w", err)
	}
	start, err := h.startState(b, scheme, s.Objects)
	if err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := newWatcher(oneShot, cancel, log)
	tracecheck.SetLogger(logr.New(w))
	// kamera's Explore stops on SIGTERM/SIGINT by itself and may return before the kit's signal context is
	// cancelled; the runtime sends a signal to every registered channel at once, so this one says it for sure.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	began := time.Now()
	res := explorer.Explore(runCtx, start)
	out := &Outcome{Result: res, Counters: w.counters, Duration: time.Since(began), OneShot: oneShot}
	select {
	case <-sigs:
		out.Interrupted = true
	default:
	}
	root := start.PendingReconciles
	out.Pending = func(p tracecheck.ExecutionHistory, r tracecheck.VersionManager) [][]tracecheck.PendingReconcile {
		return h.pendingAlong(p, root, frames, r)
	}
	out.TimedOut = ctx.Err() != nil || out.Interrupted
	if oneShot {
		keepFirstTerminal(out, w)
	}
	return out, nil
}

// keepFirstTerminal drops what kamera delivered after the stop was decided (it races with the cancellation) and the
// one visit counted for the node popped when the stop happened, which belongs to no path.
func keepFirstTerminal(out *Outcome, w *watcher) {
	res := out.Result
	var conv, ab []tracecheck.ResultState
	switch {
	case len(w.terminal) > len("converged:") && w.terminal[:len("converged:")] == "converged:":
		hash := w.terminal[len("converged:"):]
		for _, c := range res.ConvergedStates {
			if string(c.State.Hash()) == hash {
				conv = append(conv, c)
			}
		}
	case w.terminal == "aborted" && len(res.AbortedStates) > 0:
		ab = res.AbortedStates[:1]
	}
	res.ConvergedStates, res.AbortedStates = conv, ab
	if w.stopped && out.Counters["totalNodeVisits"] > 0 {
		out.Counters["totalNodeVisits"]--
	}
}

// staleBounds maps legacy tuning.staleReads/staleLookback onto kamera's per-reconciler kind bounds. Restarts are
// unbounded, as the legacy mode fans out at every reconcile of a stale reader.
func (h *Harness) staleBounds(b *tracecheck.ExplorerBuilder, s Scenario) error {
	for id, kinds := range s.StaleReads {
		if _, ok := h.ctors[id]; !ok {
			return fmt.Errorf("tuning.staleReads names %q, which this harness does not register (it has %v)", id, h.IDs())
		}
		bounds := tracecheck.LookbackLimits{}
		for _, k := range kinds {
			n := s.StaleLookback[k]
			if n <= 0 {
				n = 1
			}
			bounds[k] = tracecheck.LookbackLimit(n)
		}
		b.WithKindBounds(id, tracecheck.ReconcilerConfig{Bounds: bounds, MaxRestarts: math.MaxInt32})
	}
	return nil
}

// startState seeds the objects in input order (sequences 1..N, each tagged with kamera's sleeve object id) and
// queues what their creation triggers: the primaries of each namespaced object's kind and of its owners' kinds,
// sorted by reconciler, namespace and name as kamera's trigger manager sorts.
func (h *Harness) startState(b *tracecheck.ExplorerBuilder, scheme *runtime.Scheme, objects []map[string]any) (tracecheck.StateNode, error) {
	sb := b.NewStateEventBuilder()
	pending := map[string]tracecheck.PendingReconcile{}
	for i, o := range objects {
		u := &unstructured.Unstructured{Object: runtime.DeepCopyJSON(o)}
		gvk := u.GroupVersionKind()
		if u.GetName() == "" {
			return tracecheck.StateNode{}, fmt.Errorf("start-state object %d (%s) has no metadata.name", i, gvk.Kind)
		}
		tag.AddSleeveObjectID(u)
		sb.AddStateEvent(gvk.Kind, tag.GetSleeveObjectID(u), u, event.CREATE, "TOP")
		for _, pr := range h.triggeredBy(u) {
			pending[pr.String()] = pr
		}
	}
	node := sb.Build()
	node.PendingReconciles = sortedPending(pending)
	return node, nil
}

func (h *Harness) primariesOf(group, kind string) []string {
	want := canonicalKind(group, kind)
	var out []string
	for id, k := range h.primary {
		if k == want {
			out = append(out, id)
		}
	}
	return out
}

func canonicalKind(group, kind string) string {
	if group == "" {
		group = "core"
	}
	return group + "/" + kind
}

// triggeredBy: what creating u enqueues. Cluster-scoped objects enqueue nothing (this kamera version reconciles
// namespaced requests only).
func (h *Harness) triggeredBy(u *unstructured.Unstructured) []tracecheck.PendingReconcile {
	ns := u.GetNamespace()
	if ns == "" {
		return nil
	}
	var out []tracecheck.PendingReconcile
	add := func(ids []string, name string) {
		for _, id := range ids {
			out = append(out, tracecheck.PendingReconcile{ReconcilerID: id,
				Request: reconcile.Request{NamespacedName: namespaced(ns, name)}})
		}
	}
	gvk := u.GroupVersionKind()
	add(h.primariesOf(gvk.Group, gvk.Kind), u.GetName())
	for _, ref := range u.GetOwnerReferences() {
		gv, _ := schema.ParseGroupVersion(ref.APIVersion)
		add(h.primariesOf(gv.Group, ref.Kind), ref.Name)
	}
	return out
}

func sortedPending(m map[string]tracecheck.PendingReconcile) []tracecheck.PendingReconcile {
	out := make([]tracecheck.PendingReconcile, 0, len(m))
	for _, pr := range m {
		out = append(out, pr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.ReconcilerID != b.ReconcilerID {
			return a.ReconcilerID < b.ReconcilerID
		}
		if a.Request.Namespace != b.Request.Namespace {
			return a.Request.Namespace < b.Request.Namespace
		}
		return a.Request.Name < b.Request.Name
	})
	return out
}

func namespaced(ns, name string) types.NamespacedName {
	return types.NamespacedName{Namespace: ns, Name: name}
}
