package main

import (
	"go/ast"
	"go/types"
	"strings"
)

type link struct {
	name string
	call *ast.CallExpr
}

// builderChain unrolls `ctrl.NewControllerManagedBy(mgr).For(…).Owns(…).Complete(r)` into its links, outermost
// first, and returns the chain's root expression (the builder call, or a variable holding a builder).
func builderChain(c *ast.CallExpr) ([]link, ast.Expr) {
	var links []link
	var x ast.Expr = c
	for {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return links, x
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			if ix, isIx := call.Fun.(*ast.IndexExpr); isIx { // builder.TypedControllerManagedBy[T](mgr)
				if s, ok := ix.X.(*ast.SelectorExpr); ok {
					links = append(links, link{s.Sel.Name, call})
				}
			}
			return links, x
		}
		links = append(links, link{sel.Sel.Name, call})
		x = sel.X
	}
}

func isBuilderRoot(name string) bool {
	return name == "NewControllerManagedBy" || name == "ControllerManagedBy" || name == "TypedControllerManagedBy"
}

// builderLinks gathers every link of the builder that `complete` finishes: its own chain and, when the chain
// starts at a variable (`b := ctrl.NewControllerManagedBy(mgr); b = b.Watches(…); b.Complete(r)`), every chain
// on that variable in the same function. ok is false when no controller-runtime builder is involved.
func (p *project) builderLinks(complete *ast.CallExpr, sc *scope) ([]link, bool) {
	links, root := builderChain(complete)
	if len(complete.Args) != 1 { // a webhook builder's Complete() takes no reconciler
		return nil, false
	}
	typedBuilder := false
	if obj := sc.file.pkg.calledObj(complete); obj != nil {
		typedBuilder = strings.HasPrefix(funcPkgPath(asFunc(obj)), crRoot+"/pkg/builder")
		if !typedBuilder {
			return nil, false
		}
	}
	id, isVar := ast.Unparen(root).(*ast.Ident)
	if isVar && len(links) > 0 && !isBuilderRoot(links[len(links)-1].name) {
		seen := map[*ast.CallExpr]bool{}
		for _, l := range links {
			seen[l.call] = true
		}
		ast.Inspect(sc.body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || seen[call] {
				return true
			}
			more, r := builderChain(call)
			rid, ok := ast.Unparen(r).(*ast.Ident)
			rootCall := len(more) > 0 && isBuilderRoot(more[len(more)-1].name)
			if (ok && rid.Name == id.Name) || (rootCall && assignsTo(sc.body, call, id.Name)) {
				for _, l := range more {
					seen[l.call] = true
				}
				links = append(links, more...)
				return false
			}
			return true
		})
	}
	for _, l := range links {
		if isBuilderRoot(l.name) {
			return links, true
		}
	}
	return links, typedBuilder
}

// assignsTo reports whether call is the right-hand side of an assignment or declaration of name.
func assignsTo(body ast.Node, call *ast.CallExpr, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == name && i < len(s.Rhs) && ast.Unparen(s.Rhs[i]) == call {
					found = true
				}
			}
		case *ast.ValueSpec:
			for i, n := range s.Names {
				if n.Name == name && i < len(s.Values) && ast.Unparen(s.Values[i]) == call {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (p *project) findControllers() []Controller {
	reg := p.registrations()
	var out []Controller
	for _, sc := range p.scopes() {
		ast.Inspect(sc.body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Complete" && sel.Sel.Name != "Build") {
				return true
			}
			links, isBuilder := p.builderLinks(call, sc)
			if !isBuilder {
				return true
			}
			out = append(out, p.controller(sc, links, reg))
			return false
		})
	}
	out = append(out, p.informerControllers(reg)...)
	out = append(out, p.kitOnlyControllers(reg, out)...)
	return p.assignIDs(out, reg)
}

func (p *project) controller(sc *scope, links []link, reg *registrations) Controller {
	complete := links[0].call
	e := newEnv(p, sc.ref)
	c := Controller{Package: sc.file.pkg.dir, File: sc.file.rel, Line: p.fset.Position(complete.Pos()).Line,
		Framework: "controller-runtime", Owns: []KindRef{}, Watches: []Watch{}, Reads: []Access{}, Writes: []Access{},
		Fields: []Field{}, PackageVars: []string{}, PackageVarWrites: []string{}, Aliases: []string{}}
	recv := p.reconcilerOf(complete, e)
	c.ReconcilerType = recv.name
	w := &walker{p: p, c: &c, stack: map[*ast.FuncDecl]bool{}, touched: map[string]bool{}, written: map[string]bool{}}
	var mappers []func()
	for i := len(links) - 1; i >= 0; i-- {
		l := links[i]
		switch l.name {
		case "For":
			if k, ok := p.objectKind(l.call.Args, e); ok {
				c.For = &k
			} else {
				p.note(l.call.Pos(), "For kind could not be resolved (unknown kind); not mapped")
			}
		case "Owns":
			if k, ok := p.objectKind(l.call.Args, e); ok {
				c.Owns = append(c.Owns, k)
			}
		case "Watches", "WatchesRawSource", "WatchesMetadata":
			k, ok := p.objectKind(l.call.Args, e)
			if !ok {
				p.note(l.call.Pos(), "watch source kind could not be resolved (unknown kind); not mapped")
				continue
			}
			mapper, owner, walk := p.handlerOf(l.call.Args, e, recv.pkg, recv.name)
			if owner {
				c.Owns = append(c.Owns, k)
				continue
			}
			c.Watches = append(c.Watches, Watch{KindRef: k, Mapper: mapper, Location: p.pos(l.call.Pos())})
			if walk != nil {
				mappers = append(mappers, func() { walk(w) })
			}
		case "Named":
			if len(l.call.Args) == 1 {
				c.Named = p.constString(sc.file, l.call.Args[0])
			}
		}
	}
	c.key = recv.key()
	if recv.reconcile != nil {
		c.MaxWritesPerReconcile = w.walkFunc(recv.reconcile, "", false, false, nil)
		c.Fields = p.structFields(recv.pkg, recv.name)
	} else if recv.pkg != nil {
		p.note(complete.Pos(), "no Reconcile method found on "+recv.name+"; reads/writes not mapped")
	} else {
		p.note(complete.Pos(), "reconciler type of this controller could not be resolved; reads/writes not mapped")
	}
	for _, m := range mappers {
		m()
	}
	c.Registered = reg.registered(sc, c.key)
	c.PackageVars, c.PackageVarWrites = sortedKeys(w.touched), sortedKeys(w.written)
	return c
}

// reconciler is the type doing a controller's work and its Reconcile method.
type reconciler struct {
	pkg       *pkgInfo
	name      string
	reconcile *funcRef
}

func (r reconciler) key() string {
	if r.pkg == nil {
		return ""
	}
	return r.pkg.dir + "." + r.name
}

// reconcilerOf resolves the argument of Complete(…): the receiver `r`, `&T{…}`, a typed local, a constructor's
// result, or a wrapper (`reconcile.AsReconciler(c, r)`, a singleton adapter) around a module type whose
// Reconcile method does the work.
func (p *project) reconcilerOf(complete *ast.CallExpr, e *env) reconciler {
	if len(complete.Args) != 1 {
		return reconciler{}
	}
	return p.reconcilerOfExpr(complete.Args[0], e, 0)
}

func (p *project) reconcilerOfExpr(x ast.Expr, e *env, depth int) reconciler {
	if e.info != nil {
		if r, ok := p.reconcilerOfType(e.info.TypeOf(x)); ok {
			return r
		}
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && depth < 3 {
			for _, a := range call.Args {
				if r := p.reconcilerOfExpr(a, e, depth+1); r.reconcile != nil {
					return r
				}
			}
		}
		if id, ok := ast.Unparen(x).(*ast.Ident); ok && depth < 3 {
			if def, ok := e.defs[id.Name]; ok {
				if r := p.reconcilerOfExpr(def, e, depth+1); r.reconcile != nil {
					return r
				}
			}
		}
	}
	arg := stripAddr(x)
	if id, ok := arg.(*ast.Ident); ok && id.Name == e.recvName && e.recvType != "" {
		return p.withReconcile(e.file.pkg, e.recvType)
	}
	t := e.typeOf(arg)
	if t.expr == nil {
		return reconciler{}
	}
	ref, ok := p.resolveTypeExpr(t.expr, t.file)
	if !ok || ref.pkg == nil {
		return reconciler{}
	}
	return p.withReconcile(ref.pkg, ref.name)
}

func (p *project) withReconcile(pkg *pkgInfo, name string) reconciler {
	return reconciler{pkg: pkg, name: name, reconcile: pkg.methods[name]["Reconcile"]}
}

// reconcilerOfType finds the module type behind t (pointer or not) and its Reconcile method, promoted ones
// included.
func (p *project) reconcilerOfType(t types.Type) (reconciler, bool) {
	named := namedOf(t)
	if named == nil || p.typed == nil || named.Obj().Pkg() == nil {
		return reconciler{}, false
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "Reconcile")
	fn, ok := obj.(*types.Func)
	if !ok {
		return reconciler{}, false
	}
	ref := p.typed.funcs[fn.Origin()]
	if ref == nil {
		return reconciler{}, false
	}
	pkg := p.pkgByPath(named.Obj().Pkg().Path())
	if pkg == nil {
		return reconciler{}, false
	}
	return reconciler{pkg: pkg, name: named.Obj().Name(), reconcile: ref}, true
}

func (p *project) pkgByPath(path string) *pkgInfo {
	for _, pkg := range p.pkgs {
		if pkg.path == path {
			return pkg
		}
	}
	return p.pkgForImport(path)
}

// objectKind finds the first object in the arguments whose type is a Kubernetes kind (`&v1.Pod{}`,
// `&source.Kind{Type: &v1.Pod{}}`, `source.Kind(cache, &v1.Pod{}, …)`).
func (p *project) objectKind(args []ast.Expr, e *env) (KindRef, bool) {
	var found *KindRef
	for _, a := range args {
		ast.Inspect(a, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			x, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			switch x.(type) {
			case *ast.CompositeLit, *ast.Ident:
				if k, _, ok := e.kindOfArg(x); ok {
					found = &k
					return false
				}
			}
			return true
		})
		if found != nil {
			return *found, true
		}
	}
	return KindRef{}, false
}

// handlerOf reads the event handler of a Watches call: a map function (named or inline) or an owner handler.
func (p *project) handlerOf(args []ast.Expr, e *env, recvPkg *pkgInfo, recvType string) (string, bool, func(*walker)) {
	mapper, owner := "", false
	var walk func(*walker)
	for _, a := range args {
		ast.Inspect(a, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := calleeName(call)
			switch {
			case strings.HasSuffix(name, "EnqueueRequestForOwner"):
				owner = true
				return false
			case strings.HasSuffix(name, "EnqueueRequestsFromMapFunc") && len(call.Args) == 1:
				mapper, walk = p.mapperOf(call.Args[0], e, recvPkg, recvType)
				return false
			}
			return true
		})
	}
	return mapper, owner, walk
}

func (p *project) mapperOf(fn ast.Expr, e *env, recvPkg *pkgInfo, recvType string) (string, func(*walker)) {
	if e.info != nil {
		var id *ast.Ident
		switch f := fn.(type) {
		case *ast.SelectorExpr:
			id = f.Sel
		case *ast.Ident:
			id = f
		case *ast.CallExpr: // a constructor returning the map function: its closure's reads are the mapper's
			if obj, ok := e.file.pkg.calledObj(f).(*types.Func); ok {
				if refs := p.resolveCall(obj); len(refs) == 1 {
					return obj.Name(), func(w *walker) { _ = w.walkFunc(refs[0], obj.Name(), true, false, nil) }
				}
			}
		}
		if id != nil {
			if obj, ok := e.info.Uses[id].(*types.Func); ok {
				if refs := p.resolveCall(obj); len(refs) == 1 {
					return id.Name, func(w *walker) { _ = w.walkFunc(refs[0], id.Name, true, false, nil) }
				}
			}
		}
	}
	switch f := fn.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && id.Name == e.recvName && recvPkg != nil {
			if ref := recvPkg.methods[recvType][f.Sel.Name]; ref != nil {
				return f.Sel.Name, func(w *walker) { _ = w.walkFunc(ref, f.Sel.Name, true, false, nil) }
			}
		}
		return f.Sel.Name, nil
	case *ast.Ident:
		if ref := e.file.pkg.funcs[f.Name]; ref != nil {
			return f.Name, func(w *walker) { _ = w.walkFunc(ref, f.Name, true, false, nil) }
		}
		return f.Name, nil
	case *ast.FuncLit:
		name := "inline func (" + p.pos(f.Pos()) + ")"
		return name, func(w *walker) {
			fr := &frame{env: e, via: name, finalizers: map[string]bool{}}
			w.block(f.Body, fr, true, false)
		}
	case *ast.CallExpr:
		// A constructor returning the map function, e.g. handler.EnqueueRequestsFromMapFunc(r.mapFor("x")).
		return calleeName(f), nil
	}
	return "", nil
}

func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	case *ast.IndexExpr:
		if sel, ok := f.X.(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return ""
}

func (p *project) structFields(pkg *pkgInfo, typeName string) []Field {
	out := []Field{}
	ts := pkg.types[typeName]
	if ts == nil {
		return out
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return out
	}
	var file *fileInfo
	for _, fi := range pkg.files {
		if fi.ast.Pos() <= ts.Pos() && ts.Pos() <= fi.ast.End() {
			file = fi
		}
	}
	for _, f := range st.Fields.List {
		typ := types.ExprString(f.Type)
		if file != nil {
			if ref, ok := p.resolveTypeExpr(f.Type, file); ok {
				typ = ref.String()
				if _, ptr := f.Type.(*ast.StarExpr); ptr {
					typ = "*" + typ
				}
			}
		}
		if len(f.Names) == 0 {
			out = append(out, Field{Name: recvTypeName(f.Type), Type: typ})
			if sel, ok := f.Type.(*ast.SelectorExpr); ok {
				out[len(out)-1].Name = sel.Sel.Name
			}
		}
		for _, n := range f.Names {
			out = append(out, Field{Name: n.Name, Type: typ})
		}
	}
	return out
}
