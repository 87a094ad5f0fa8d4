package kit

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/go-logr/logr"
)

// watcher is the logr sink the kit installs as kamera's tracecheck logger. kamera's explorer exposes no hooks and no
// stats accessor, but it logs every visit, every terminal state and its final counters: the watcher reads those to
// (1) stop a reference run after its first terminal branch and (2) collect campaign metrics.
//
// Why the stop waits for the next visit: kamera delivers a terminal state through a select on its channel and the
// context, so cancelling when the terminal state is logged would race with its delivery. Cancelling when the next
// node is visited (the terminal state has been sent by then) keeps the reference outcome deterministic.
type watcher struct {
	mu       sync.Mutex
	oneShot  bool
	cancel   context.CancelFunc
	terminal string // "" until the first terminal branch; "converged:<StateHash>" or "aborted"
	stopped  bool
	counters map[string]int
	verbose  io.Writer // the first kamera errors go here (nil: dropped)
	errors   int
}

func newWatcher(oneShot bool, cancel context.CancelFunc, verbose io.Writer) *watcher {
	return &watcher{oneShot: oneShot, cancel: cancel, counters: map[string]int{}, verbose: verbose}
}

func (w *watcher) Init(logr.RuntimeInfo) {}

// Enabled: level 1 carries "visiting node" and "aborting path due to max depth"; level 2+ is per-branch noise.
func (w *watcher) Enabled(level int) bool { return level <= 1 }

func (w *watcher) WithValues(kv ...any) logr.LogSink { return &boundSink{w: w, kv: kv} }
func (w *watcher) WithName(string) logr.LogSink      { return w }

// boundSink carries WithValues pairs: kamera logs a terminal state's key that way.
type boundSink struct {
	w  *watcher
	kv []any
}

func (b *boundSink) Init(logr.RuntimeInfo)        {}
func (b *boundSink) Enabled(level int) bool       { return b.w.Enabled(level) }
func (b *boundSink) WithName(string) logr.LogSink { return b }
func (b *boundSink) WithValues(kv ...any) logr.LogSink {
	return &boundSink{w: b.w, kv: append(append([]any(nil), b.kv...), kv...)}
}
func (b *boundSink) Info(level int, msg string, kv ...any) {
	b.w.Info(level, msg, append(append([]any(nil), b.kv...), kv...)...)
}
func (b *boundSink) Error(err error, msg string, kv ...any) {
	b.w.Error(err, msg, append(append([]any(nil), b.kv...), kv...)...)
}

func value(kv []any, key string) any {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == key {
			return kv[i+1]
		}
	}
	return nil
}

func (w *watcher) markTerminal(t string) {
	if w.terminal == "" {
		w.terminal = t
	}
}

func (w *watcher) Info(_ int, msg string, kv ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch msg {
	case "visiting node":
		if w.oneShot && w.terminal != "" && !w.stopped {
			w.stopped = true
			w.cancel()
		}
	case "arrived at converged state":
		w.markTerminal(fmt.Sprintf("converged:%v", value(kv, "StateKey")))
	case "aborting path due to max depth", "no eligible views for pending reconcile; marking state as aborted":
		w.markTerminal("aborted")
	case "explore stats":
		for _, k := range []string{"totalNodeVisits", "uniqueNodeVisits", "abortedPaths"} {
			if n, ok := value(kv, k).(int); ok {
				w.counters[k] = n
			}
		}
	}
}

func (w *watcher) Error(err error, msg string, kv ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if msg == "error taking reconcile step; abandoning branch" {
		w.markTerminal("aborted")
	}
	w.errors++
	if w.verbose != nil && w.errors <= 20 {
		fmt.Fprintf(w.verbose, "level=error source=kamera msg=%q error=%q\n", msg, fmt.Sprint(err))
	}
}
