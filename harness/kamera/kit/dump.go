package kit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/tgoodwin/kamera/pkg/replay"
	"github.com/tgoodwin/kamera/pkg/snapshot"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
)

// The kamera dump format (kamera-formats §2) as ctrlhunt reads it. This kamera version has no dump writer of its
// own with context and metrics, and its CompositeKey marshals without group and kind (two embedded structs with
// the same field names), so keys are written field by field here.

type Dump struct {
	Context         *DumpContext     `json:"context,omitempty"`
	CampaignMetrics *CampaignMetrics `json:"campaignMetrics,omitempty"`
	Objects         []dumpObject     `json:"objects"`
	States          []dumpState      `json:"states"`
}

type DumpContext struct {
	Scenario ScenarioContext `json:"scenario"`
}

type ScenarioContext struct {
	Name       string            `json:"name,omitempty"`
	RunIndex   *int              `json:"runIndex,omitempty"`
	Workflow   string            `json:"workflow,omitempty"`
	InputRef   string            `json:"inputRef,omitempty"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

type CampaignMetrics struct {
	UniqueNodeVisits int   `json:"uniqueNodeVisits,omitempty"`
	TotalNodeVisits  int   `json:"totalNodeVisits,omitempty"`
	DurationNs       int64 `json:"durationNs,omitempty"`
}

type dumpObject struct {
	Hash   snapshot.VersionHash `json:"hash"`
	Object map[string]any       `json:"object"`
}

type dumpKey struct {
	IdentityGroup string `json:"identityGroup,omitempty"`
	IdentityKind  string `json:"identityKind,omitempty"`
	ObjectID      string `json:"objectId,omitempty"`
	ResourceGroup string `json:"resourceGroup,omitempty"`
	ResourceKind  string `json:"resourceKind,omitempty"`
	Namespace     string `json:"namespace,omitempty"`
	Name          string `json:"name,omitempty"`
}

type dumpOV struct {
	Key  dumpKey              `json:"key"`
	Hash snapshot.VersionHash `json:"hash"`
}

type dumpEffect struct {
	OpType       string                   `json:"OpType"`
	Key          dumpKey                  `json:"Key"`
	Version      snapshot.VersionHash     `json:"Version"`
	Precondition *replay.PreconditionInfo `json:"Precondition"`
}

type dumpChanges struct {
	ObjectVersions []dumpOV     `json:"objectVersions"`
	Effects        []dumpEffect `json:"effects"`
}

type dumpStep struct {
	ControllerID  string           `json:"controllerId"`
	FrameID       string           `json:"frameId"`
	FrameType     string           `json:"frameType"`
	Changes       dumpChanges      `json:"changes"`
	Error         string           `json:"error,omitempty"`
	StateBefore   []dumpOV         `json:"stateBefore,omitempty"`
	StateAfter    []dumpOV         `json:"stateAfter,omitempty"`
	KindSeqBefore map[string]int64 `json:"kindSeqBefore,omitempty"`
	KindSeqAfter  map[string]int64 `json:"kindSeqAfter,omitempty"`
	Pending       []dumpPending    `json:"pendingReconciles,omitempty"`
}

type dumpPending struct {
	ReconcilerID string `json:"reconcilerId"`
	Namespace    string `json:"namespace"`
	Name         string `json:"name"`
	Source       string `json:"source"`
}

type dumpContents struct {
	Objects       []dumpOV         `json:"objects"`
	KindSequences map[string]int64 `json:"kindSequences"`
}

type dumpState struct {
	ID              string `json:"id"`
	Error           string `json:"error,omitempty"`
	DivergencePoint string `json:"divergencePoint"`
	State           struct {
		Contents dumpContents `json:"contents"`
	} `json:"state"`
	Paths [][]dumpStep `json:"paths"`
}

func keyOf(k snapshot.CompositeKey) dumpKey {
	return dumpKey{
		IdentityGroup: k.IdentityKey.Group, IdentityKind: k.IdentityKey.Kind, ObjectID: k.IdentityKey.ObjectID,
		ResourceGroup: k.ResourceKey.Group, ResourceKind: k.ResourceKey.Kind,
		Namespace: k.ResourceKey.Namespace, Name: k.ResourceKey.Name,
	}
}

// objectTable collects every referenced version and resolves it through kamera's version store.
type objectTable struct {
	resolver tracecheck.VersionManager
	pending  func(tracecheck.ExecutionHistory, tracecheck.VersionManager) [][]tracecheck.PendingReconcile
	byHash   map[string]dumpObject
	err      error
}

func (t *objectTable) add(h snapshot.VersionHash) {
	if h.Value == "" || t.err != nil {
		return
	}
	id := string(h.Strategy) + "|" + h.Value
	if _, ok := t.byHash[id]; ok {
		return
	}
	obj := t.resolver.Resolve(h)
	if obj == nil {
		t.err = fmt.Errorf("kamera's version store cannot resolve hash %s (%s)", h.Value, h.Strategy)
		return
	}
	t.byHash[id] = dumpObject{Hash: h, Object: obj.DeepCopy().Object}
}

func (t *objectTable) versions(ov tracecheck.ObjectVersions) []dumpOV {
	keys := make([]snapshot.CompositeKey, 0, len(ov))
	for k := range ov {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	out := make([]dumpOV, 0, len(keys))
	for _, k := range keys {
		t.add(ov[k])
		out = append(out, dumpOV{Key: keyOf(k), Hash: ov[k]})
	}
	return out
}

func (t *objectTable) sorted() []dumpObject {
	out := make([]dumpObject, 0, len(t.byHash))
	for _, o := range t.byHash {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Hash.Strategy != out[j].Hash.Strategy {
			return out[i].Hash.Strategy < out[j].Hash.Strategy
		}
		return out[i].Hash.Value < out[j].Hash.Value
	})
	return out
}

// frameID replaces kamera's random per-step UUID by one derived from what the step read and wrote, so the same
// scenario gives the same dump.
func frameID(r *tracecheck.ReconcileResult) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|", r.ControllerID, r.Error)
	for _, part := range []tracecheck.ObjectVersions{r.StateBefore, r.Changes.ObjectVersions, r.StateAfter} {
		keys := make([]string, 0, len(part))
		for k, v := range part {
			keys = append(keys, k.String()+"="+v.Value)
		}
		sort.Strings(keys)
		fmt.Fprintf(h, "%s|", strings.Join(keys, ","))
	}
	s := hex.EncodeToString(h.Sum(nil))
	return fmt.Sprintf("%s-%s-%s-%s-%s", s[0:8], s[8:12], s[12:16], s[16:20], s[20:32])
}

func (t *objectTable) step(r *tracecheck.ReconcileResult) dumpStep {
	effects := make([]dumpEffect, 0, len(r.Changes.Effects))
	for _, e := range r.Changes.Effects {
		t.add(e.Version)
		effects = append(effects, dumpEffect{OpType: string(e.OpType), Key: keyOf(e.Key), Version: e.Version, Precondition: e.Precondition})
	}
	changes := dumpChanges{Effects: effects}
	if len(r.Changes.ObjectVersions) > 0 {
		changes.ObjectVersions = t.versions(r.Changes.ObjectVersions)
	}
	return dumpStep{
		ControllerID: r.ControllerID, FrameID: frameID(r), FrameType: string(r.FrameType), Changes: changes,
		Error: r.Error, StateBefore: t.versions(r.StateBefore), StateAfter: t.versions(r.StateAfter),
		KindSeqBefore: r.KindSeqBefore, KindSeqAfter: r.KindSeqAfter,
	}
}

// uniquePaths keeps one path per distinct effect history (kamera's ExecutionHistory.UniqueKey), in visit order.
func uniquePaths(paths []tracecheck.ExecutionHistory) []tracecheck.ExecutionHistory {
	seen := map[string]bool{}
	var out []tracecheck.ExecutionHistory
	for _, p := range paths {
		k := p.UniqueKey()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

func (t *objectTable) state(id, errText string, rs tracecheck.ResultState, paths []tracecheck.ExecutionHistory) dumpState {
	s := dumpState{ID: id, Error: errText, DivergencePoint: rs.State.DivergencePoint}
	s.State.Contents = dumpContents{Objects: t.versions(rs.State.Objects()), KindSequences: rs.State.Contents.KindSequences}
	s.Paths = make([][]dumpStep, 0, len(paths))
	for _, p := range paths {
		var queues [][]tracecheck.PendingReconcile
		if t.pending != nil {
			queues = t.pending(p, t.resolver)
		}
		steps := make([]dumpStep, 0, len(p))
		for i, r := range p {
			if r == nil {
				continue
			}
			st := t.step(r)
			if i < len(queues) && queues[i] != nil {
				st.Pending = make([]dumpPending, 0, len(queues[i]))
				for _, pr := range queues[i] {
					st.Pending = append(st.Pending, dumpPending{ReconcilerID: pr.ReconcilerID,
						Namespace: pr.Request.Namespace, Name: pr.Request.Name, Source: "State Change"})
				}
			}
			steps = append(steps, st)
		}
		s.Paths = append(s.Paths, steps)
	}
	return s
}

// abortError is the dump's error text for an aborted branch, in the spellings ctrlhunt's analysis classifies.
func abortError(rs tracecheck.ResultState) string {
	switch {
	case strings.HasPrefix(rs.Reason, "max depth"):
		return "max depth reached"
	case rs.Error != "":
		return rs.Error
	case strings.HasPrefix(rs.Reason, "no eligible views for "):
		return "no ready views for " + strings.TrimPrefix(rs.Reason, "no eligible views for ")
	case rs.Reason != "":
		return rs.Reason
	}
	return "aborted"
}

// BuildDump turns an exploration result into a dump: converged states named state-<n> in StateHash order, aborted
// branches sharing a StateHash merged into one aborted-<hash> state.
func BuildDump(out *Outcome, ctx *DumpContext) (*Dump, error) {
	res := out.Result
	t := &objectTable{byHash: map[string]dumpObject{}, pending: out.Pending}
	for _, group := range [][]tracecheck.ResultState{res.ConvergedStates, res.AbortedStates} {
		for _, rs := range group {
			if rs.Resolver != nil {
				t.resolver = rs.Resolver
			}
		}
	}
	d := &Dump{Context: ctx, CampaignMetrics: &CampaignMetrics{
		UniqueNodeVisits: out.Counters["uniqueNodeVisits"],
		TotalNodeVisits:  out.Counters["totalNodeVisits"],
		DurationNs:       out.Duration.Nanoseconds(),
	}, States: []dumpState{}}
	conv := append([]tracecheck.ResultState(nil), res.ConvergedStates...)
	sort.Slice(conv, func(i, j int) bool { return conv[i].State.Hash() < conv[j].State.Hash() })
	for i, rs := range conv {
		d.States = append(d.States, t.state(fmt.Sprintf("state-%d", i), "", rs, uniquePaths(rs.Paths)))
	}
	order := []string{}
	aborted := map[string]*struct {
		rs    tracecheck.ResultState
		paths []tracecheck.ExecutionHistory
	}{}
	for _, rs := range res.AbortedStates {
		id := "aborted-" + string(rs.State.Hash())
		if a, ok := aborted[id]; ok {
			a.paths = append(a.paths, rs.Paths...)
			continue
		}
		order = append(order, id)
		aborted[id] = &struct {
			rs    tracecheck.ResultState
			paths []tracecheck.ExecutionHistory
		}{rs, append([]tracecheck.ExecutionHistory(nil), rs.Paths...)}
	}
	for _, id := range order {
		a := aborted[id]
		d.States = append(d.States, t.state(id, abortError(a.rs), a.rs, uniquePaths(a.paths)))
	}
	sort.SliceStable(d.States, func(i, j int) bool { return d.States[i].ID < d.States[j].ID })
	if t.err != nil {
		return nil, t.err
	}
	d.Objects = t.sorted()
	return d, nil
}
