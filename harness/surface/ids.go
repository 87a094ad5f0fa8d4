package main

import (
	"path"
	"sort"
	"strings"
)

// assignIDs gives every controller a unique, stable ID: the kit's ID when a harness kit registers the
// reconciler (so the map and the harness agree), else the builder's Named(…), else the reconciler type's name;
// names that clash are qualified with their package (`externalsecret.Reconciler`), then with the package path,
// then with the primary kind. The unqualified name a clash replaced is kept as an alias.
func (p *project) assignIDs(cs []Controller, reg *registrations) []Controller {
	for i := range cs {
		c := &cs[i]
		base := c.Named
		if base == "" {
			base = c.ReconcilerType
		}
		if base == "" {
			base = "controller@" + c.File + ":" + itoa(c.Line)
		}
		c.ID = base
		// A builder or kit name that is itself a kit ID stays: the type's first kit ID is for unnamed wiring.
		if id, ok := reg.kitIDs[c.key]; ok && id != base && !reg.isKitID(base) {
			c.ID = id
			c.Aliases = append(c.Aliases, base)
		}
	}
	qualify := []func(c *Controller, base string) string{
		func(c *Controller, base string) string { return path.Base(c.Package) + "." + base },
		func(c *Controller, base string) string { return c.Package + "." + base },
		func(c *Controller, base string) string {
			if c.For == nil {
				return c.Package + "." + base + "@" + c.File + ":" + itoa(c.Line)
			}
			return c.Package + "." + base + "-" + strings.ToLower(c.For.Kind[strings.LastIndex(c.For.Kind, "/")+1:])
		},
	}
	orig := make([]string, len(cs))
	for i := range cs {
		orig[i] = cs[i].ID
	}
	for _, q := range qualify {
		clash := map[string]int{}
		for _, c := range cs {
			clash[c.ID]++
		}
		for i := range cs {
			if clash[cs[i].ID] > 1 && !reg.isKitID(orig[i]) {
				cs[i].ID = q(&cs[i], orig[i])
			}
		}
	}
	for i := range cs {
		if cs[i].ID != orig[i] {
			cs[i].Aliases = append(cs[i].Aliases, orig[i])
		}
		sort.Strings(cs[i].Aliases)
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
	return cs
}

func (r *registrations) isKitID(id string) bool {
	_, ok := r.kitRecv[id]
	return ok
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
