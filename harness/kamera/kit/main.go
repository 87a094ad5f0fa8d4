package kit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

// Options are kamera's harness flags (kamera-formats §3.1), parsed with Go's flag package so ctrlhunt's kamera
// adapter drives a kit binary exactly as it drives a kamera example harness.
type Options struct {
	Inputs          string
	Output          string
	Interactive     bool
	ClosedLoop      bool
	NoPerturbations bool
	Depth           int
	Timeout         time.Duration
	LogLevel        string
}

// ParseFlags parses kamera's harness flags.
func ParseFlags(name string, args []string, stderr io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Inputs, "inputs", "", "path to a workflow (scenario) file: a JSON array of scenarios")
	fs.StringVar(&o.Output, "output", "", "dump directory (created if missing)")
	fs.BoolVar(&o.Interactive, "interactive", true, "launch the TUI inspector (not available: pass --interactive=false)")
	fs.BoolVar(&o.ClosedLoop, "closed-loop", true, "run a reference phase, then the full ordering exploration (rerun)")
	fs.BoolVar(&o.NoPerturbations, "no-perturbations", false, "strip perturbations (stale reads, permutation settings)")
	fs.IntVar(&o.Depth, "depth", 10, "default exploration depth (a scenario's tuning.maxDepth wins)")
	fs.DurationVar(&o.Timeout, "timeout", 0, "stop exploring after this long and write partial dumps (0 = none)")
	fs.StringVar(&o.LogLevel, "log-level", "info", "debug|info|warn|error")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.Inputs == "" || o.Output == "" {
		return o, errors.New("--inputs and --output are required")
	}
	if o.Interactive {
		return o, errors.New("this harness has no TUI inspector: pass --interactive=false")
	}
	return o, nil
}

// phase is one exploration of a scenario: the reference (one path, perturbations stripped) or a full exploration.
type phase struct {
	name    string // dump attribute `phase`; "" for a plain exploration run
	oneShot bool
	strip   bool
}

func phasesOf(o Options) []phase {
	switch {
	case o.ClosedLoop:
		return []phase{{"reference", true, true}, {"rerun", false, true}}
	case o.NoPerturbations:
		return []phase{{"reference", true, true}}
	default:
		return []phase{{"", false, false}}
	}
}

func (o Options) mode() string {
	switch {
	case o.ClosedLoop:
		return "closed-loop"
	case o.NoPerturbations:
		return "reference"
	}
	return "exploration"
}

// Main runs the harness on os.Args and exits: 0 when every scenario ran, 1 when one failed or the run was cut short
// (failure or partial dumps say which), 2 on bad flags or an unreadable inputs file.
func (h *Harness) Main() {
	os.Exit(h.Run(os.Args[1:], os.Stdout, os.Stderr))
}

// Run is Main without the exit.
func (h *Harness) Run(args []string, stdout, stderr io.Writer) int {
	o, err := ParseFlags(h.name, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", h.name, err)
		return 2
	}
	if err := h.validate(); err != nil {
		fmt.Fprintf(stderr, "%s: harness registration: %v\n", h.name, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	if prof := os.Getenv("KIT_CPUPROFILE"); prof != "" {
		if f, err := os.Create(prof); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	code, err := h.runAll(ctx, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", h.name, err)
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		// Peak memory (Linux reports kilobytes) and CPU time of the whole run, for ctrlhunt's bench:kamera.
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		fmt.Fprintf(stderr, "level=info msg=\"done\" exit=%d maxrss_kb=%d cpu_ms=%d\n", code, ru.Maxrss, cpu.Milliseconds())
	}
	return code
}

func invocationID(inputs, mode string) string {
	if id := os.Getenv("KAMERA_INVOCATION_ID"); id != "" {
		return id
	}
	data, _ := os.ReadFile(inputs)
	sum := sha256.Sum256(append(data, []byte("|"+mode)...))
	s := hex.EncodeToString(sum[:])
	return fmt.Sprintf("%s-%s-%s-%s-%s", s[0:8], s[8:12], s[12:16], s[16:20], s[20:32])
}

func (h *Harness) runAll(ctx context.Context, o Options, stderr io.Writer) (int, error) {
	if err := os.MkdirAll(o.Output, 0o755); err != nil {
		return 2, err
	}
	w := &dumpWriter{dir: o.Output, taken: map[string]bool{}}
	invocation := invocationID(o.Inputs, o.mode())
	code := 0
	// Validation reads the file as the exploration will run it: in closed-loop the rerun keeps the tuning (minus
	// stripped perturbations), so refusals apply there too; only reference mode strips before checking.
	scenarios, err := LoadScenarios(o.Inputs, o.mode() == "reference")
	if err != nil {
		return 2, err
	}
	for _, s := range scenarios {
		base := ScenarioContext{Name: s.Name, RunIndex: intPtr(s.Index), InputRef: fmt.Sprintf("%s#%d", o.Inputs, s.Index)}
		if s.Err != nil {
			fmt.Fprintf(stderr, "level=error msg=\"scenario refused\" error=%q\n", s.Err.Error())
			if err := w.write(s.Name, "", s.Index, failureDump(base, invocation, s.Err)); err != nil {
				return 1, err
			}
			code = 1
			continue
		}
		for _, ph := range phasesOf(o) {
			if ctx.Err() != nil {
				return 1, fmt.Errorf("stopped before %q%s: %v", s.Name, phaseSuffix(ph.name), context.Cause(ctx))
			}
			if err := h.runPhase(ctx, o, s, ph, base, invocation, w, stderr); errors.Is(err, errInterrupted) {
				return 1, err
			} else if err != nil {
				fmt.Fprintf(stderr, "level=error msg=\"scenario failed\" scenario=%q error=%q\n", s.Name, err.Error())
				if werr := w.write(s.Name, ph.name, s.Index, failureDump(base, invocation, err)); werr != nil {
					return 1, werr
				}
				code = 1
				break
			}
		}
	}
	if ctx.Err() != nil {
		return 1, fmt.Errorf("exploration cut short: %v", context.Cause(ctx))
	}
	return code, nil
}

func phaseSuffix(p string) string {
	if p == "" {
		return ""
	}
	return "/" + p
}

func intPtr(i int) *int { return &i }

func (h *Harness) runPhase(ctx context.Context, o Options, s Scenario, ph phase, base ScenarioContext, invocation string, w *dumpWriter, stderr io.Writer) error {
	run := s
	if ph.strip {
		run.StaleReads, run.StaleLookback = nil, nil
	}
	depth := o.Depth
	if s.MaxDepth > 0 {
		depth = s.MaxDepth
	}
	var kameraLog io.Writer
	if o.LogLevel != "error" {
		kameraLog = stderr
	}
	fmt.Fprintf(stderr, "level=info msg=\"exploring\" scenario=%q phase=%q depth=%d\n", s.Name, ph.name, depth)
	out, err := h.explore(ctx, run, ph.oneShot, depth, kameraLog)
	if err != nil {
		return err
	}
	sc := base
	sc.Attributes = map[string]string{
		"invocation_id": invocation,
		"engine":        "kamera cb1c3f3 pkg/tracecheck via ctrlhunt kit",
		"ordering":      "every pending reconcile is permuted (this kamera version has no permuteControllers)",
	}
	if ph.name != "" {
		sc.Attributes["phase"] = ph.name
	}
	if ph.oneShot {
		sc.Attributes["reference_path"] = "first terminal branch in kamera's DFS order (the first pending reconcile always runs first)"
	}
	if out.TimedOut {
		sc.Attributes["timed_out"] = "true"
	}
	if len(s.PermuteControllers) > 0 && !ph.strip {
		sc.Attributes["permute_controllers_requested"] = strings.Join(s.PermuteControllers, ",")
	}
	d, err := BuildDump(out, &DumpContext{Scenario: sc})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "level=info msg=\"explored\" scenario=%q phase=%q visits=%d unique=%d converged=%d aborted=%d duration=%s\n",
		s.Name, ph.name, out.Counters["totalNodeVisits"], out.Counters["uniqueNodeVisits"],
		len(out.Result.ConvergedStates), len(out.Result.AbortedStates), out.Duration)
	if err := w.write(s.Name, ph.name, s.Index, d); err != nil {
		return err
	}
	if out.Interrupted {
		return errInterrupted
	}
	return nil
}

var errInterrupted = errors.New("interrupted by a signal; the partial dump is written")

func failureDump(base ScenarioContext, invocation string, err error) *Dump {
	msg := err.Error()
	if len(msg) > 512 {
		msg = msg[:512]
	}
	base.Attributes = map[string]string{
		"invocation_id": invocation, "status": "error", "error_phase": "run_scenario", "error_message": msg,
	}
	return &Dump{Context: &DumpContext{Scenario: base}}
}

// dumpWriter names dumps as kamera's batch runner does and writes them atomically (temp file + rename), so a killed
// harness leaves whole dumps or none.
type dumpWriter struct {
	dir   string
	taken map[string]bool
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func sanitize(name string) string {
	s := strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(name), "_"), "_")
	if len(s) > 64 {
		s = s[:64]
	}
	if s == "" {
		return "scenario"
	}
	return s
}

func (w *dumpWriter) write(name, phase string, index int, d *Dump) error {
	stem := sanitize(name + phaseSuffix(phase))
	file := fmt.Sprintf("%s_%d.jsonl", stem, index)
	for k := 2; w.taken[file]; k++ {
		file = fmt.Sprintf("%s_%d_%d.jsonl", stem, k, index)
	}
	w.taken[file] = true
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(w.dir, file)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
