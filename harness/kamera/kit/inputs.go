package kit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Scenario is one element of a workflow file (G1 or G2), as far as this kamera version can run it.
type Scenario struct {
	Name    string
	Index   int
	Objects []map[string]any // environmentState objects, then CREATE inputs: the start state
	// MaxDepth is tuning.maxDepth (0 = the --depth default).
	MaxDepth int
	// StaleReads is the legacy tuning.staleReads (reconciler → kinds) with tuning.staleLookback per kind.
	StaleReads    map[string][]string
	StaleLookback map[string]int
	// PermuteControllers is recorded only: this kamera version permutes every pending reconcile.
	PermuteControllers []string
	// Err: why this scenario cannot run here (it gets a failure dump naming the field; the others still run).
	Err error
}

type rawInput struct {
	ID     string         `json:"id"`
	OpType string         `json:"opType"`
	Type   string         `json:"type"` // G1 spelling
	Object map[string]any `json:"object"`
}

type rawScenario struct {
	Name             string `json:"name"`
	EnvironmentState *struct {
		Objects []map[string]any `json:"objects"`
	} `json:"environmentState"`
	ExternalInputs []rawInput                 `json:"externalInputs"`
	UserInputs     []rawInput                 `json:"userInputs"`
	Tuning         map[string]json.RawMessage `json:"tuning"`
}

// unsupported names tuning fields whose meaning this kamera version cannot run. A file asking for one is refused
// (never silently explored without it).
var unsupported = map[string]string{
	"faultInjection":        "fault injection",
	"userActionReadyDepths": "user actions after the start state",
	"stalenessIntervals":    "staleness intervals",
	"permuteDepthRange":     "depth-gated ordering permutation (this version always permutes)",
	"permuteAfterEvent":     "event-gated ordering permutation (this version always permutes)",
}

// stripped are the perturbation fields --no-perturbations removes before anything is checked (reference runs).
var stripped = []string{"faultInjection", "stalenessIntervals", "permuteDepthRange", "permuteAfterEvent",
	"permuteControllers", "staleReads", "staleLookback"}

const capabilityNote = "kamera cb1c3f3 (pkg/tracecheck) has no fault injection, user actions after the start " +
	"state, Monte Carlo, RequeueAfter or staleness intervals"

// LoadScenarios reads a workflow file. A file that is not a scenario array is an error; a scenario that cannot run
// carries its problem in Err, naming the file and the JSON field. noPerturbations strips the perturbation fields
// first, as kamera's --no-perturbations does.
func LoadScenarios(file string, noPerturbations bool) ([]Scenario, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var raws []rawScenario
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raws); err != nil {
		return nil, fmt.Errorf("%s: not a JSON array of scenarios: %v", file, err)
	}
	if len(raws) == 0 {
		return nil, fmt.Errorf("%s: inputs file contains no scenarios", file)
	}
	out := make([]Scenario, 0, len(raws))
	for i, r := range raws {
		s, err := toScenario(r, i, noPerturbations)
		if err != nil {
			s.Err = fmt.Errorf("%s: [%d]%s", file, i, err)
		}
		out = append(out, s)
	}
	return out, nil
}

func toScenario(r rawScenario, i int, noPerturbations bool) (Scenario, error) {
	s := Scenario{Name: r.Name, Index: i}
	if strings.TrimSpace(r.Name) == "" {
		return s, fmt.Errorf(".name: must be a non-blank string")
	}
	if r.EnvironmentState != nil {
		s.Objects = append(s.Objects, r.EnvironmentState.Objects...)
	}
	inputs, field := r.ExternalInputs, "externalInputs"
	if len(inputs) == 0 && len(r.UserInputs) > 0 {
		inputs, field = r.UserInputs, "userInputs"
	}
	for j, in := range inputs {
		op := in.OpType
		if op == "" {
			op = in.Type
		}
		if op != "CREATE" {
			return s, fmt.Errorf(".%s[%d].opType: %q needs user actions after the start state; %s",
				field, j, op, capabilityNote)
		}
		s.Objects = append(s.Objects, in.Object)
	}
	for j, o := range s.Objects {
		if o["apiVersion"] == nil || o["kind"] == nil {
			return s, fmt.Errorf(": object %d of the start state needs apiVersion and kind", j)
		}
	}
	if len(s.Objects) == 0 {
		return s, fmt.Errorf(": needs environmentState.objects or CREATE inputs")
	}
	return s, readTuning(&s, r.Tuning, noPerturbations)
}

func isEmptyJSON(raw json.RawMessage) bool {
	t := strings.TrimSpace(string(raw))
	return t == "" || t == "null" || t == "{}" || t == "[]" || t == "0" || t == `""` || t == "false"
}

func readTuning(s *Scenario, tuning map[string]json.RawMessage, noPerturbations bool) error {
	if noPerturbations {
		for _, k := range stripped {
			delete(tuning, k)
		}
	}
	keys := make([]string, 0, len(tuning))
	for k := range tuning {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if why, bad := unsupported[k]; bad && !isEmptyJSON(tuning[k]) {
			return fmt.Errorf(".tuning.%s: asks for %s; %s", k, why, capabilityNote)
		}
	}
	if err := readSearch(tuning["search"]); err != nil {
		return err
	}
	decode := func(key string, into any) error {
		raw, ok := tuning[key]
		if !ok || isEmptyJSON(raw) {
			return nil
		}
		if err := json.Unmarshal(raw, into); err != nil {
			return fmt.Errorf(".tuning.%s: %v", key, err)
		}
		return nil
	}
	if err := decode("maxDepth", &s.MaxDepth); err != nil {
		return err
	}
	if err := decode("staleReads", &s.StaleReads); err != nil {
		return err
	}
	if err := decode("staleLookback", &s.StaleLookback); err != nil {
		return err
	}
	return decode("permuteControllers", &s.PermuteControllers)
}

func readSearch(raw json.RawMessage) error {
	if isEmptyJSON(raw) {
		return nil
	}
	var search struct {
		Mode       string          `json:"mode"`
		MonteCarlo json.RawMessage `json:"monteCarlo"`
	}
	if err := json.Unmarshal(raw, &search); err != nil {
		return fmt.Errorf(".tuning.search: %v", err)
	}
	if !isEmptyJSON(search.MonteCarlo) {
		return fmt.Errorf(".tuning.search.monteCarlo: asks for Monte Carlo search; %s", capabilityNote)
	}
	if m := strings.ToLower(strings.TrimSpace(search.Mode)); m != "" && m != "dfs" {
		return fmt.Errorf(".tuning.search.mode: %q is not DFS; %s", search.Mode, capabilityNote)
	}
	return nil
}
