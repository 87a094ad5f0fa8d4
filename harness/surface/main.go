// Command surface prints the controller-runtime wiring of a Go module as JSON: controllers with their
// For/Owns/Watches (and map functions), the reads and writes reachable from each Reconcile (helpers followed),
// whether each controller is registered, and package-level variables. Standard library only (go/ast), so it
// runs on any project without building it or fetching its dependencies.
//
//	go run . <module-dir>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: surface <go-module-dir>")
		os.Exit(2)
	}
	// Type-checking an operator's dependency graph allocates a lot of short-lived memory: trade some of it for
	// less garbage-collection time.
	debug.SetGCPercent(300)
	p, err := load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "surface:", err)
		os.Exit(1)
	}
	out := Output{Module: p.module, Controllers: p.findControllers(), PackageVars: []PackageVar{}}
	if out.Controllers == nil {
		out.Controllers = []Controller{} // a module with no controllers maps to an empty list, never null
	}
	for _, dir := range sortedKeys(p.pkgs) {
		pkg := p.pkgs[dir]
		for _, name := range sortedKeys(pkg.vars) {
			out.PackageVars = append(out.PackageVars, PackageVar{Name: name, Init: pkg.varInit[name], Package: dir, Location: pkg.vars[name]})
		}
	}
	out.Notes = dedupNotes(p.notes)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "surface:", err)
		os.Exit(1)
	}
}

func dedupNotes(notes []Note) []Note {
	seen := map[Note]bool{}
	out := []Note{}
	for _, n := range notes {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Location != out[j].Location {
			return out[i].Location < out[j].Location
		}
		return out[i].Message < out[j].Message
	})
	return out
}
