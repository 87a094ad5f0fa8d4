package main

import (
	"go/ast"
)

// registeredTypes lists reconciler types whose SetupWithManager is called from somewhere in the module:
// `(&T{…}).SetupWithManager(mgr)`, `x := &T{…}; x.SetupWithManager(mgr)`, or (when the receiver is not
// resolvable, e.g. a loop over an interface slice) every `T{…}` literal in the calling function.
func (p *project) registeredTypes() map[string]bool {
	out := map[string]bool{}
	for _, pkg := range p.pkgs {
		for _, fi := range pkg.files {
			for _, decl := range fi.ast.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				var e *env
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok || sel.Sel.Name != "SetupWithManager" {
						return true
					}
					if e == nil {
						e = newEnv(p, &funcRef{decl: fd, file: fi})
					}
					if name := typeNameOf(e.typeOf(sel.X)); name != "" {
						out[name] = true
						return true
					}
					for _, lit := range compositeTypes(fd.Body) {
						out[lit] = true
					}
					return true
				})
			}
		}
	}
	return out
}

func typeNameOf(t typed) string {
	switch x := unstar(t.expr).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}

func compositeTypes(body ast.Node) []string {
	var out []string
	ast.Inspect(body, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CompositeLit); ok {
			if name := typeNameOf(typed{expr: cl.Type}); name != "" {
				out = append(out, name)
			}
		}
		return true
	})
	return out
}

// isCalled reports whether a function name is called anywhere in the module (a setup helper in main).
func (p *project) isCalled(name string) bool {
	found := false
	for _, pkg := range p.pkgs {
		for _, fi := range pkg.files {
			ast.Inspect(fi.ast, func(n ast.Node) bool {
				if found {
					return false
				}
				if call, ok := n.(*ast.CallExpr); ok && calleeName(call) == name {
					found = true
				}
				return true
			})
		}
	}
	return found
}
