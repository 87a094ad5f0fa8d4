package main

import (
	"go/ast"
	"go/types"
	"strings"
)

// touch records a use of a package-level variable of the function's package.
func (w *walker) touch(id *ast.Ident, fr *frame) {
	if name := w.packageVar(id, fr); name != "" {
		w.touched[name] = true
	}
}

// packageVar names the module package variable an identifier denotes (`pkgdir.name`), or "".
func (w *walker) packageVar(id *ast.Ident, fr *frame) string {
	pkg := fr.env.file.pkg
	if pkg.info != nil {
		if v, ok := pkg.info.Uses[id].(*types.Var); ok && w.p.typed != nil {
			if ref := w.p.typed.vars[v]; ref != nil {
				return ref.pkg.dir + "." + ref.name
			}
		}
		return ""
	}
	if _, isVar := pkg.vars[id.Name]; !isVar {
		return ""
	}
	if _, local := fr.env.vars[id.Name]; local {
		return ""
	}
	return pkg.dir + "." + id.Name
}

// markWrite records a write to the package variable at the root of x (`v = …`, `v[k] = …`, `v.f++`,
// `delete(v, k)`, `v.Store(…)`): shared state is what a reconcile changes, not what init set up.
func (w *walker) markWrite(x ast.Expr, fr *frame) {
	if fr.inOnce {
		return
	}
	for {
		switch v := ast.Unparen(x).(type) {
		case *ast.IndexExpr:
			x = v.X
			continue
		case *ast.StarExpr:
			x = v.X
			continue
		case *ast.SelectorExpr:
			if name := w.packageVar(v.Sel, fr); name != "" {
				w.wrote(name, fr)
				return
			}
			x = v.X
			continue
		case *ast.Ident:
			if name := w.packageVar(v, fr); name != "" {
				w.wrote(name, fr)
			}
		}
		return
	}
}

// call handles one call: a client read/write, a controllerutil helper, or a helper to follow. It returns
// the writes the call issues (not counting its arguments, which the expression walk visits).
func (w *walker) call(c *ast.CallExpr, fr *frame, cond, loop bool) int {
	if derefsNil(c, fr) {
		return 0
	}
	if obj := fr.env.file.pkg.calledObj(c); obj != nil {
		return w.typedCall(c, obj, fr, cond, loop)
	}
	switch f := c.Fun.(type) {
	case *ast.Ident:
		if ref := fr.env.file.pkg.funcs[f.Name]; ref != nil {
			return w.walkFunc(ref, f.Name, cond, loop, nil)
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
			return w.walkFunc(ref, name, cond, loop, nil)
		}
	}
	return 0
}

// typedCall handles a call whose target the type checker resolved: controller-runtime's client and
// controllerutil (under any import name, ctrl's re-exports included), client-go typed clients and listers,
// and functions and methods of the module (followed, with interface-typed parameters bound to the caller's
// kinds). Anything else is a library call and issues no access.
func (w *walker) typedCall(c *ast.CallExpr, obj types.Object, fr *frame, cond, loop bool) int {
	name, path := obj.Name(), ""
	if obj.Pkg() != nil {
		path = obj.Pkg().Path()
	}
	switch {
	case path == crControllerutil || (path == crRoot && controllerutilFuncs[name]):
		return w.controllerutil(c, name, fr, cond, loop)
	case path == crClient:
		op, ok := clientOps[name]
		if name == "Apply" {
			op, ok = "APPLY", len(c.Args) > 1
		}
		if !ok || len(c.Args) <= objArg[name] {
			return 0
		}
		if name == "Patch" && len(c.Args) > 2 && isApplyPatch(c.Args[2]) {
			op = "APPLY"
		}
		sel, _ := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		status := sel != nil && (isStatusReceiver(sel.X) || isStatusWriter(fr, sel.X))
		return w.accessVia(c, c.Args[objArg[name]], op, status, w.clientOf(sel, fr), fr, cond, loop)
	case isTypedClient(path):
		return w.typedClientCall(c, obj, fr, cond, loop)
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return 0
	}
	// Several implementations (interface dispatch) are alternatives: one runs, so the most writes of any counts.
	most := 0
	for _, ref := range w.p.resolveCall(fn) {
		bound := w.bindArgs(c, ref, fr)
		w.pendingNil = nilArgs(c, ref, fr)
		most = max(most, w.walkFunc(ref, name, cond, loop, bound))
	}
	return most
}

const (
	crRoot           = "sigs.k8s.io/controller-runtime"
	crClient         = "sigs.k8s.io/controller-runtime/pkg/client"
	crControllerutil = "sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
)

var controllerutilFuncs = map[string]bool{"CreateOrUpdate": true, "CreateOrPatch": true}

// calledObj is the function, method or function-typed variable a call invokes, when the type checker knows it.
func (pkg *pkgInfo) calledObj(c *ast.CallExpr) types.Object {
	if pkg.info == nil {
		return nil
	}
	fun := ast.Unparen(c.Fun)
	switch ix := fun.(type) {
	case *ast.IndexExpr:
		fun = ix.X
	case *ast.IndexListExpr:
		fun = ix.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	}
	if id == nil {
		return nil
	}
	switch o := pkg.info.Uses[id].(type) {
	case *types.Func, *types.Var:
		return o
	}
	return nil
}

// bindArgs gives the callee's interface-typed parameters the kinds of the caller's arguments.
func (w *walker) bindArgs(c *ast.CallExpr, ref *funcRef, fr *frame) map[types.Object]KindRef {
	info := ref.file.pkg.info
	if info == nil {
		return nil
	}
	var bound map[types.Object]KindRef
	i := 0
	for _, field := range ref.decl.Type.Params.List {
		for _, n := range field.Names {
			if i >= len(c.Args) {
				return bound
			}
			param := info.Defs[n]
			if param != nil && (isInterface(param.Type()) || isGenericObject(param.Type())) {
				if k, _, ok := w.kindOf(c.Args[i], fr); ok {
					if bound == nil {
						bound = map[types.Object]KindRef{}
					}
					bound[param] = k
				}
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return bound
}

func isGenericObject(t types.Type) bool {
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && isGeneric(n.Obj().Pkg().Path())
}

// kindOf resolves an object expression's kind: a bound parameter, the expression's own type, or — for a local
// produced by a call (`u, err := toUnstructured(obj)`) — the kind of that call's object argument.
func (w *walker) kindOf(x ast.Expr, fr *frame) (KindRef, bool, bool) {
	id, isIdent := stripAddr(x).(*ast.Ident)
	if isIdent && fr.env.info != nil {
		if k, ok := fr.bound[fr.env.info.Uses[id]]; ok {
			return k, false, true
		}
	}
	if k, list, ok := fr.env.kindOfArg(x); ok {
		return k, list, true
	}
	if !isIdent {
		if call, ok := stripAddr(x).(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "DeepCopy" || sel.Sel.Name == "DeepCopyObject") {
				return w.kindOf(sel.X, fr)
			}
		}
		return KindRef{}, false, false
	}
	if def, ok := fr.env.defs[id.Name]; ok && w.derefDepth < 3 {
		w.derefDepth++
		defer func() { w.derefDepth-- }()
		switch d := stripAddr(def).(type) {
		case *ast.Ident:
			return w.kindOf(d, fr)
		case *ast.TypeAssertExpr:
			return w.kindOf(d.X, fr)
		case *ast.CallExpr:
			for _, a := range d.Args {
				if k, list, ok := w.kindOf(a, fr); ok {
					return k, list, true
				}
			}
			if sel, ok := d.Fun.(*ast.SelectorExpr); ok {
				return w.kindOf(sel.X, fr)
			}
		}
	}
	return KindRef{}, false, false
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
			cl := w.clientOf(&ast.SelectorExpr{X: c.Args[1]}, fr)
			w.accessVia(c, c.Args[2], "GET", false, cl, fr, cond, loop)
			return w.accessVia(c, c.Args[2], "APPLY", false, cl, fr, cond, loop)
		}
	}
	return 0
}

// access records one client call; it returns 1 for a write and 0 for a read.
func (w *walker) access(c *ast.CallExpr, obj ast.Expr, op string, status bool, fr *frame, cond, loop bool) int {
	return w.accessVia(c, obj, op, status, "", fr, cond, loop)
}

func (w *walker) accessVia(c *ast.CallExpr, obj ast.Expr, op string, status bool, client string, fr *frame, cond, loop bool) int {
	ref, _, ok := w.kindOf(obj, fr)
	if !ok {
		w.p.note(c.Pos(), "client "+strings.ToLower(op)+" with an object whose kind could not be resolved (unknown kind); not mapped")
		return 0
	}
	return w.record(c, ref, op, status, client, obj, fr, cond, loop)
}

func (w *walker) record(c *ast.CallExpr, ref KindRef, op string, status bool, client string, obj ast.Expr, fr *frame, cond, loop bool) int {
	if status && ref.noStatus {
		return 0 // a generic helper's status write on a kind without status: never issued
	}
	a := Access{Kind: ref.Kind, GVK: ref.GVK, Op: op, Conditional: cond, InLoop: loop, Via: fr.via, Client: client,
		Location: w.p.pos(c.Pos())}
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
		if id, ok := stripAddr(obj).(*ast.Ident); ok && obj != nil && fr.finalizers[id.Name] {
			a.Surface = "metadata"
		}
	}
	w.c.Writes = append(w.c.Writes, a)
	return 1
}

// nilArgs lists the callee's parameters the call passes nil: a literal nil, or a parameter of the caller that
// is nil on this path.
func nilArgs(c *ast.CallExpr, ref *funcRef, fr *frame) map[types.Object]bool {
	info := ref.file.pkg.info
	if info == nil {
		return nil
	}
	var out map[types.Object]bool
	i := 0
	for _, field := range ref.decl.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, n := range field.Names {
			if i < len(c.Args) {
				if id, ok := ast.Unparen(c.Args[i]).(*ast.Ident); ok && (id.Name == "nil" || isNilParam(id, fr)) {
					if out == nil {
						out = map[types.Object]bool{}
					}
					out[info.Defs[n]] = true
				}
			}
			i++
		}
	}
	return out
}

func isNilParam(id *ast.Ident, fr *frame) bool {
	return fr.env.info != nil && len(fr.nilParams) > 0 && fr.nilParams[fr.env.info.Uses[id]]
}

// derefsNil: an argument reads a field of a parameter that is nil on this path (`p.Name` with p nil), so the
// call is never made: evaluating its arguments panics first.
func derefsNil(c *ast.CallExpr, fr *frame) bool {
	if len(fr.nilParams) == 0 {
		return false
	}
	for _, a := range c.Args {
		if sel, ok := ast.Unparen(a).(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && isNilParam(id, fr) {
				return true
			}
		}
	}
	return false
}

func (w *walker) wrote(name string, fr *frame) {
	if !fr.lazy[name] {
		w.written[name] = true
	}
}
