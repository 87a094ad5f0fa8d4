package main

import (
	"go/ast"
	"strings"
)

// touch records a use of a package-level variable of the function's package.
func (w *walker) touch(id *ast.Ident, fr *frame) {
	pkg := fr.env.file.pkg
	if _, isVar := pkg.vars[id.Name]; !isVar {
		return
	}
	if _, local := fr.env.vars[id.Name]; local {
		return
	}
	w.touched[pkg.dir+"."+id.Name] = true
}

// call handles one call: a client read/write, a controllerutil helper, or a helper to follow. It returns
// the writes the call issues (not counting its arguments, which the expression walk visits).
func (w *walker) call(c *ast.CallExpr, fr *frame, cond, loop bool) int {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		if ref := fr.env.file.pkg.funcs[f.Name]; ref != nil {
			return w.walkFunc(ref, f.Name, cond, loop)
		}
	case *ast.SelectorExpr:
		name := f.Sel.Name
		if pkgIdent, ok := f.X.(*ast.Ident); ok && strings.HasSuffix(fr.env.file.imports[pkgIdent.Name], "controllerutil") {
			return w.controllerutil(c, name, fr, cond, loop)
		}
		if op, ok := clientOps[name]; ok && len(c.Args) > objArg[name] {
			if name == "Patch" && len(c.Args) > 2 && isApplyPatch(c.Args[2]) {
				op = "APPLY" // server-side apply: Patch(ctx, obj, client.Apply, …)
			}
			return w.access(c, c.Args[objArg[name]], op, isStatusReceiver(f.X), fr, cond, loop)
		}
		if ref := w.methodOf(f, fr); ref != nil {
			return w.walkFunc(ref, name, cond, loop)
		}
	}
	return 0
}

func isApplyPatch(x ast.Expr) bool {
	sel, ok := x.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Apply"
}

// isStatusReceiver reports whether `X` in `X.Update(…)` is `c.Status()` or `c.SubResource("status")`.
func isStatusReceiver(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	return (sel.Sel.Name == "Status" && len(call.Args) == 0) ||
		(sel.Sel.Name == "SubResource" && len(call.Args) == 1 && stringLit(call.Args[0]) == "status")
}

// methodOf finds the method called by `recv.m(…)` when recv is the receiver or a local of a module type.
func (w *walker) methodOf(f *ast.SelectorExpr, fr *frame) *funcRef {
	id, ok := f.X.(*ast.Ident)
	if !ok {
		return nil
	}
	pkg := fr.env.file.pkg
	if id.Name == fr.env.recvName && fr.env.recvType != "" {
		return pkg.methods[fr.env.recvType][f.Sel.Name]
	}
	t := fr.env.typeOf(id)
	if t.expr == nil {
		return nil
	}
	ref, ok := w.p.resolveTypeExpr(t.expr, t.file)
	if !ok || ref.pkg == nil {
		return nil
	}
	return ref.pkg.methods[ref.name][f.Sel.Name]
}

func (w *walker) controllerutil(c *ast.CallExpr, name string, fr *frame, cond, loop bool) int {
	switch name {
	case "AddFinalizer", "RemoveFinalizer":
		if len(c.Args) > 0 {
			if id, ok := stripAddr(c.Args[0]).(*ast.Ident); ok {
				fr.finalizers[id.Name] = true
			}
		}
	case "CreateOrUpdate", "CreateOrPatch":
		if len(c.Args) > 2 {
			w.access(c, c.Args[2], "GET", false, fr, cond, loop)
			return w.access(c, c.Args[2], "APPLY", false, fr, cond, loop)
		}
	}
	return 0
}

// access records one client call; it returns 1 for a write and 0 for a read.
func (w *walker) access(c *ast.CallExpr, obj ast.Expr, op string, status bool, fr *frame, cond, loop bool) int {
	ref, _, ok := fr.env.kindOfArg(obj)
	if !ok {
		w.p.note(c.Pos(), "client "+strings.ToLower(op)+" with an object whose kind could not be resolved; not mapped")
		return 0
	}
	a := Access{Kind: ref.Kind, GVK: ref.GVK, Op: op, Conditional: cond, InLoop: loop, Via: fr.via, Location: w.p.pos(c.Pos())}
	if !ref.Resolved {
		w.p.note(c.Pos(), "kind "+ref.Kind+" guessed from an import path outside the module; check the group")
	}
	switch {
	case op == "GET" || op == "LIST":
		w.c.Reads = append(w.c.Reads, a)
		return 0
	case status:
		a.Surface = "status"
	case op == "CREATE" || op == "DELETE":
		a.Surface = "any"
	case op == "APPLY":
		a.Surface = "spec"
	default:
		a.Surface = "spec"
		if id, ok := stripAddr(obj).(*ast.Ident); ok && fr.finalizers[id.Name] {
			a.Surface = "metadata"
		}
	}
	w.c.Writes = append(w.c.Writes, a)
	return 1
}
