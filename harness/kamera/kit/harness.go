// Package kit turns a set of controller-runtime reconcilers into a kamera harness binary: it speaks kamera's
// harness flags, reads workflow (scenario) files, explores with kamera's pkg/tracecheck explorer and writes dumps
// in the kamera dump format that ctrlhunt reads. A target registers its reconcilers and calls Main.
package kit

import (
	"fmt"
	"sort"

	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/runtime"
)

// Harness records a target's registrations; every exploration replays them onto a fresh kamera ExplorerBuilder
// (a builder owns its object store, so one builder per exploration keeps phases and scenarios apart).
type Harness struct {
	name    string
	scheme  func() *runtime.Scheme
	ids     []string
	ctors   map[string]tracecheck.ReconcilerConstructor
	primary map[string]string
	deps    map[string][]string
}

// New starts a harness. newScheme builds the scheme with the target's API types (called once per exploration).
func New(name string, newScheme func() *runtime.Scheme) *Harness {
	return &Harness{
		name:    name,
		scheme:  newScheme,
		ctors:   map[string]tracecheck.ReconcilerConstructor{},
		primary: map[string]string{},
		deps:    map[string][]string{},
	}
}

// WithReconciler registers a reconciler under its ID (the ID scenarios, dumps and surface maps use), exactly as
// kamera's ExplorerBuilder.WithReconciler does.
func (h *Harness) WithReconciler(id string, ctor tracecheck.ReconcilerConstructor) *Harness {
	if _, dup := h.ctors[id]; dup {
		panic(fmt.Sprintf("kit: reconciler %q registered twice", id))
	}
	h.ids = append(h.ids, id)
	h.ctors[id] = ctor
	return h
}

// AssignReconcilerToKind makes the reconciler the primary of a canonical kind ("group/Kind", "core/Pod"): writes
// to objects of that kind, or to objects they own, enqueue it (kamera's For).
func (h *Harness) AssignReconcilerToKind(id, kind string) *Harness {
	h.primary[id] = kind
	return h
}

// WithResourceDep lists a kind the reconcilers read (kamera uses it for stale views and stale trigger filtering).
func (h *Harness) WithResourceDep(kind string, ids ...string) *Harness {
	h.deps[kind] = append(h.deps[kind], ids...)
	return h
}

// IDs returns the registered reconciler IDs, sorted.
func (h *Harness) IDs() []string {
	out := append([]string(nil), h.ids...)
	sort.Strings(out)
	return out
}

func (h *Harness) validate() error {
	for _, id := range h.ids {
		if _, ok := h.primary[id]; !ok {
			return fmt.Errorf("reconciler %q has no primary kind (AssignReconcilerToKind)", id)
		}
	}
	for id := range h.primary {
		if _, ok := h.ctors[id]; !ok {
			return fmt.Errorf("AssignReconcilerToKind names %q, which is not registered (WithReconciler)", id)
		}
	}
	for kind, ids := range h.deps {
		for _, id := range ids {
			if _, ok := h.ctors[id]; !ok {
				return fmt.Errorf("WithResourceDep(%q) names %q, which is not registered (WithReconciler)", kind, id)
			}
		}
	}
	return nil
}

// builder replays the registrations onto a fresh kamera builder; every reconciler is guarded (guard.go).
func (h *Harness) builder(scheme *runtime.Scheme, frames *frameLog) *tracecheck.ExplorerBuilder {
	b := tracecheck.NewExplorerBuilder(scheme)
	for _, id := range h.ids {
		b.WithReconciler(id, guarded(id, h.ctors[id], frames))
		b.AssignReconcilerToKind(id, h.primary[id])
		// A reconciler depends on its primary kind at least (kamera refuses a reconciler without deps for stale views).
		b.WithResourceDep(h.primary[id], id)
	}
	kinds := make([]string, 0, len(h.deps))
	for k := range h.deps {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		b.WithResourceDep(k, h.deps[k]...)
	}
	return b
}
