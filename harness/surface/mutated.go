package main

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Package-level variables are shared state only when something changes them while the operator runs: a
// variable only read (a regexp, an error sentinel, a version string set at link time) is configuration.

var mutators = map[string]bool{
	"Store": true, "LoadOrStore": true, "LoadAndDelete": true, "Delete": true, "Add": true, "Set": true,
	"Put": true, "Inc": true, "Dec": true, "Swap": true, "CompareAndSwap": true, "Reset": true, "Push": true,
	"Insert": true, "Remove": true, "Clear": true, "Store64": true, "AddInt64": true,
}

// mutatedVars lists `pkgdir.name` of package variables written outside init and initialisers: assigned,
// incremented, an element or field assigned, deleted from, or changed through a mutating method.
func (p *project) mutatedVars() map[string]bool {
	out := map[string]bool{}
	for _, dir := range sortedKeys(p.pkgs) {
		pkg := p.pkgs[dir]
		for _, fi := range pkg.files {
			for _, decl := range fi.ast.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil || (fd.Recv == nil && fd.Name.Name == "init") {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					switch s := n.(type) {
					case *ast.AssignStmt:
						if s.Tok != token.DEFINE {
							for _, l := range s.Lhs {
								p.markVar(out, pkg, fd, l)
							}
						}
					case *ast.IncDecStmt:
						p.markVar(out, pkg, fd, s.X)
					case *ast.CallExpr:
						if id, ok := s.Fun.(*ast.Ident); ok && id.Name == "delete" && len(s.Args) > 0 {
							p.markVar(out, pkg, fd, s.Args[0])
						}
						if sel, ok := s.Fun.(*ast.SelectorExpr); ok && mutators[sel.Sel.Name] {
							p.markVar(out, pkg, fd, sel.X)
						}
					}
					return true
				})
			}
		}
	}
	return out
}

// markVar marks the package variable at the root of x (`v`, `v[k]`, `v.f`, `pkg.V`).
func (p *project) markVar(out map[string]bool, pkg *pkgInfo, fd *ast.FuncDecl, x ast.Expr) {
	for {
		switch v := ast.Unparen(x).(type) {
		case *ast.IndexExpr:
			x = v.X
			continue
		case *ast.StarExpr:
			x = v.X
			continue
		case *ast.SelectorExpr:
			if pkg.info != nil {
				if tv, ok := pkg.info.Uses[v.Sel].(*types.Var); ok && p.typed.vars[tv] != nil {
					ref := p.typed.vars[tv]
					out[ref.pkg.dir+"."+ref.name] = true
					return
				}
			}
			x = v.X
			continue
		case *ast.Ident:
			if pkg.info != nil {
				if tv, ok := pkg.info.Uses[v].(*types.Var); ok {
					if ref := p.typed.vars[tv]; ref != nil {
						out[ref.pkg.dir+"."+ref.name] = true
					}
				}
				return
			}
			if _, isVar := pkg.vars[v.Name]; isVar && !declaresLocal(fd, v.Name) {
				out[pkg.dir+"."+v.Name] = true
			}
		}
		return
	}
}

// declaresLocal: the syntactic pass's guard against a local or parameter shadowing a package variable.
func declaresLocal(fd *ast.FuncDecl, name string) bool {
	found := false
	ast.Inspect(fd, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						found = true
					}
				}
			}
		case *ast.Field:
			for _, n := range s.Names {
				found = found || n.Name == name
			}
		case *ast.ValueSpec:
			for _, n := range s.Names {
				found = found || n.Name == name
			}
		}
		return !found
	})
	return found
}
