package kit

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// counter bumps status.count of a Knob up to spec.limit; spec.mode picks a failure to exercise the kit's guards.
type counter struct {
	client.Client
	me string
}

func (r *counter) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	knob := &unstructured.Unstructured{}
	knob.SetAPIVersion("test.kit/v1")
	knob.SetKind("Knob")
	if err := r.Get(ctx, req.NamespacedName, knob); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	switch String(knob.Object, "spec", "mode") {
	case "panic":
		panic("knob " + req.Name + " exploded")
	case "cluster-write":
		cm := &unstructured.Unstructured{}
		cm.SetAPIVersion("test.kit/v1")
		cm.SetKind("Knob")
		cm.SetName("cluster-wide")
		return ctrl.Result{}, r.Create(ctx, cm)
	}
	if String(knob.Object, "status", "owner") != "" {
		return ctrl.Result{}, nil
	}
	_ = unstructured.SetNestedField(knob.Object, r.me, "status", "owner")
	return ctrl.Result{}, r.Status().Update(ctx, knob)
}

func testHarness() *Harness {
	h := New("kit-test", runtime.NewScheme)
	for _, id := range []string{"AController", "BController"} {
		me := id
		h.WithReconciler(id, func(c client.Client) tracecheck.Reconciler { return &counter{Client: c, me: me} })
		h.AssignReconcilerToKind(id, "test.kit/Knob")
	}
	return h
}

func writeScenario(t *testing.T, mode string, tuning string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "inputs.json")
	text := `[{"name":"k1/knob","environmentState":{"objects":[{"apiVersion":"test.kit/v1","kind":"Knob",` +
		`"metadata":{"name":"knob","namespace":"default"},"spec":{"mode":"` + mode + `"}}]},"tuning":` + tuning + `}]`
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func run(t *testing.T, inputs string, flags ...string) (int, []map[string]any, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "dumps")
	var stderr bytes.Buffer
	code := testHarness().Run(append([]string{"--inputs", inputs, "--output", out, "--interactive=false"}, flags...),
		&bytes.Buffer{}, &stderr)
	files, _ := filepath.Glob(filepath.Join(out, "*.jsonl"))
	var dumps []map[string]any
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d map[string]any
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		dumps = append(dumps, d)
	}
	return code, dumps, stderr.String()
}

func states(d map[string]any) []map[string]any {
	raw, _ := d["states"].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, s := range raw {
		out = append(out, s.(map[string]any))
	}
	return out
}

func TestExplorationFindsEveryOwner(t *testing.T) {
	code, dumps, stderr := run(t, writeScenario(t, "", `{"maxDepth":8}`), "--closed-loop=false")
	if code != 0 || len(dumps) != 1 {
		t.Fatalf("exit %d, %d dumps\n%s", code, len(dumps), stderr)
	}
	if n := len(states(dumps[0])); n != 2 {
		t.Fatalf("want 2 terminal states (A or B owns the knob), got %d", n)
	}
}

func TestReferenceIsOnePathAndDeterministic(t *testing.T) {
	inputs := writeScenario(t, "", `{"maxDepth":8}`)
	_, first, _ := run(t, inputs, "--closed-loop=false", "--no-perturbations")
	_, second, _ := run(t, inputs, "--closed-loop=false", "--no-perturbations")
	st := states(first[0])
	if len(st) != 1 || len(st[0]["paths"].([]any)) != 1 {
		t.Fatalf("reference: want one state with one path, got %v", st)
	}
	strip := func(d map[string]any) string {
		delete(d["campaignMetrics"].(map[string]any), "durationNs")
		b, _ := json.Marshal(d)
		return string(b)
	}
	if strip(first[0]) != strip(second[0]) {
		t.Fatal("two reference runs of one scenario wrote different dumps")
	}
}

func TestPanicBecomesAFailedBranch(t *testing.T) {
	code, dumps, stderr := run(t, writeScenario(t, "panic", `{"maxDepth":8}`), "--closed-loop=false")
	if code != 0 || len(dumps) != 1 {
		t.Fatalf("exit %d, %d dumps\n%s", code, len(dumps), stderr)
	}
	st := states(dumps[0])
	if len(st) == 0 {
		t.Fatal("no states: the panicking branch is missing")
	}
	for _, s := range st {
		if !strings.Contains(s["error"].(string), "knob knob exploded") {
			t.Fatalf("want the panic text in the aborted state, got %q", s["error"])
		}
	}
}

func TestClusterScopedWriteIsARefusedWriteNotACrash(t *testing.T) {
	_, dumps, _ := run(t, writeScenario(t, "cluster-write", `{"maxDepth":8}`), "--closed-loop=false")
	for _, s := range states(dumps[0]) {
		if !strings.Contains(s["error"].(string), "cluster-scoped") {
			t.Fatalf("want a refused cluster-scoped write, got %q", s["error"])
		}
	}
}

func TestUnsupportedTuningIsRefusedNamingTheField(t *testing.T) {
	cases := map[string]string{
		`{"faultInjection":[{"reconciler":"AController","crashAfterEffect":1}]}`:                                          `tuning\.faultInjection`,
		`{"search":{"monteCarlo":{"seed":1,"trials":3}}}`:                                                                 `tuning\.search\.monteCarlo`,
		`{"stalenessIntervals":[{"reconciler":"AController","kind":"test.kit/Knob","staleAt":1,"catchUpAt":3,"lag":-1}]}`: `tuning\.stalenessIntervals`,
		`{"userActionReadyDepths":{"0":2}}`:                                                                               `tuning\.userActionReadyDepths`,
	}
	for tuning, field := range cases {
		code, dumps, stderr := run(t, writeScenario(t, "", tuning), "--closed-loop=false")
		if code != 1 || len(dumps) != 1 {
			t.Fatalf("%s: exit %d, %d dumps", tuning, code, len(dumps))
		}
		attrs := dumps[0]["context"].(map[string]any)["scenario"].(map[string]any)["attributes"].(map[string]any)
		if attrs["status"] != "error" || !regexp.MustCompile(field).MatchString(attrs["error_message"].(string)) {
			t.Fatalf("%s: want a failure dump naming %s, got %v", tuning, field, attrs)
		}
		if !strings.Contains(stderr, "scenario refused") {
			t.Fatalf("%s: stderr does not say the scenario was refused:\n%s", tuning, stderr)
		}
	}
	// --no-perturbations strips perturbations before checking: a reference run of the same file works.
	code, _, stderr := run(t, writeScenario(t, "", `{"faultInjection":[{"reconciler":"AController","crashAfterEffect":1}]}`),
		"--closed-loop=false", "--no-perturbations")
	if code != 0 {
		t.Fatalf("reference run of a fault-injection file: exit %d\n%s", code, stderr)
	}
}

func TestCreateInputsAreSeededAndUpdatesRefused(t *testing.T) {
	file := filepath.Join(t.TempDir(), "inputs.json")
	text := `[{"name":"k2/update","externalInputs":[{"opType":"UPDATE","object":{"apiVersion":"test.kit/v1","kind":"Knob","metadata":{"name":"knob","namespace":"default"}}}]}]`
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, dumps, _ := run(t, file, "--closed-loop=false")
	attrs := dumps[0]["context"].(map[string]any)["scenario"].(map[string]any)["attributes"].(map[string]any)
	if code != 1 || !strings.Contains(attrs["error_message"].(string), "externalInputs[0].opType") {
		t.Fatalf("want the UPDATE input refused by field, got exit %d %v", code, attrs)
	}
}

func visits(t *testing.T, d map[string]any) float64 {
	t.Helper()
	m, _ := d["campaignMetrics"].(map[string]any)
	v, _ := m["totalNodeVisits"].(float64)
	return v
}

func TestLegacyStaleReadsBecomeKindBounds(t *testing.T) {
	_, plain, _ := run(t, writeScenario(t, "", `{"maxDepth":8}`), "--closed-loop=false")
	code, stale, stderr := run(t, writeScenario(t, "",
		`{"maxDepth":8,"staleReads":{"BController":["test.kit/Knob"]},"staleLookback":{"test.kit/Knob":2}}`),
		"--closed-loop=false")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// kamera's stale views change the search (B is stuck at a past Knob and no longer triggered by Knob writes).
	if visits(t, stale[0]) == visits(t, plain[0]) {
		t.Fatalf("staleReads had no effect: %v visits with and without", visits(t, plain[0]))
	}
	// --no-perturbations strips them: the reference run is the same with or without.
	_, ref, _ := run(t, writeScenario(t, "", `{"maxDepth":8,"staleReads":{"BController":["test.kit/Knob"]}}`),
		"--closed-loop=false", "--no-perturbations")
	_, refPlain, _ := run(t, writeScenario(t, "", `{"maxDepth":8}`), "--closed-loop=false", "--no-perturbations")
	if visits(t, ref[0]) != visits(t, refPlain[0]) {
		t.Fatal("--no-perturbations did not strip staleReads")
	}
	// A stale reader the harness does not register is a refused scenario, not a silent no-op.
	code, bad, _ := run(t, writeScenario(t, "", `{"maxDepth":8,"staleReads":{"Nobody":["test.kit/Knob"]}}`), "--closed-loop=false")
	attrs := bad[0]["context"].(map[string]any)["scenario"].(map[string]any)["attributes"].(map[string]any)
	if code != 1 || !strings.Contains(attrs["error_message"].(string), `"Nobody"`) {
		t.Fatalf("want a failure naming the unknown reconciler, got exit %d %v", code, attrs)
	}
}
