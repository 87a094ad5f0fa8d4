package main

import (
	"go/ast"
	"go/types"
	"strings"
)

// client-go controllers (sample-controller style): informers' event handlers enqueue keys on a workqueue and
// workers pop them into a sync handler. Each module type whose methods are registered as event handlers is a
// controller; its triggers are the handlers' informer kinds (a handler that resolves the object's controller
// owner makes an owns trigger, the first other one the primary); its reads and writes are those reachable from
// the method that pops the workqueue.

type informerCtl struct {
	typ      *types.Named
	sc       *scope
	triggers []trigger
}

type trigger struct {
	kind  KindRef
	owner bool
	at    ast.Node
}

func (p *project) informerControllers(reg *registrations) []Controller {
	if p.typed == nil {
		return nil
	}
	byType := map[*types.Named]*informerCtl{}
	var order []*types.Named
	for _, sc := range p.scopes() {
		info := sc.file.pkg.info
		if info == nil {
			continue
		}
		e := newEnv(p, sc.ref)
		ast.Inspect(sc.body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !strings.HasPrefix(calleeName(call), "AddEventHandler") || len(call.Args) == 0 {
				return true
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			kind, ok := p.informerKind(sel.X, e, 0)
			if !ok {
				p.note(call.Pos(), "informer event handler whose informer kind could not be resolved (unknown kind); not mapped")
				return true
			}
			handlers := p.handlerMethods(call.Args[0], info)
			if len(handlers) == 0 {
				p.note(call.Pos(), "informer event handler not bound to a module type's methods; not mapped as a controller")
				return true
			}
			typ := recvNamed(handlers[0])
			if typ == nil {
				return true
			}
			ic := byType[typ]
			if ic == nil {
				ic = &informerCtl{typ: typ, sc: sc}
				byType[typ] = ic
				order = append(order, typ)
			}
			owner := false
			for _, h := range handlers {
				owner = owner || p.resolvesOwner(h)
			}
			ic.triggers = append(ic.triggers, trigger{kind: kind, owner: owner, at: call})
			return true
		})
	}
	var out []Controller
	for _, typ := range order {
		out = append(out, p.informerController(byType[typ], reg))
	}
	return out
}

func (p *project) informerController(ic *informerCtl, reg *registrations) Controller {
	pkg := p.pkgByPath(ic.typ.Obj().Pkg().Path())
	name := ic.typ.Obj().Name()
	pos := p.fset.Position(ic.typ.Obj().Pos())
	rel := p.pos(ic.typ.Obj().Pos())
	c := Controller{ReconcilerType: name, Package: pkg.dir, File: rel[:strings.LastIndex(rel, ":")], Line: pos.Line,
		Framework: "client-go", Owns: []KindRef{}, Watches: []Watch{}, Reads: []Access{}, Writes: []Access{},
		Fields: []Field{}, PackageVars: []string{}, PackageVarWrites: []string{}, Aliases: []string{}, key: pkg.dir + "." + name}
	for _, t := range ic.triggers {
		switch {
		case t.owner:
			c.Owns = append(c.Owns, t.kind)
		case c.For == nil:
			k := t.kind
			c.For = &k
		default:
			c.Watches = append(c.Watches, Watch{KindRef: t.kind, Location: p.pos(t.at.Pos())})
		}
	}
	w := &walker{p: p, c: &c, stack: map[*ast.FuncDecl]bool{}, touched: map[string]bool{}, written: map[string]bool{}}
	entry := p.queueWorker(pkg, name)
	if entry == nil {
		entry = pkg.methods[name]["Run"]
	}
	if entry != nil {
		c.MaxWritesPerReconcile = w.walkFunc(entry, "", false, false, nil)
	} else {
		p.note(ic.typ.Obj().Pos(), "client-go controller "+name+" has no method popping its workqueue nor Run; reads/writes not mapped")
	}
	c.Fields = p.structFields(pkg, name)
	c.PackageVars, c.PackageVarWrites = sortedKeys(w.touched), sortedKeys(w.written)
	c.Registered = reg.registered(ic.sc, c.key)
	return c
}

// informerKind: the kind of `fooInformer.Informer()` (a typed informer's Lister serves it), or of a local
// holding one.
func (p *project) informerKind(x ast.Expr, e *env, depth int) (KindRef, bool) {
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Informer" {
			return p.listerKind(e.info.TypeOf(sel.X))
		}
	}
	if id, ok := x.(*ast.Ident); ok && depth < 3 {
		if def, ok := e.defs[id.Name]; ok {
			return p.informerKind(def, e, depth+1)
		}
	}
	return p.listerKind(e.info.TypeOf(x))
}

func (p *project) listerKind(t types.Type) (KindRef, bool) {
	if t == nil {
		return KindRef{}, false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Lister")
	fn, ok := obj.(*types.Func)
	if !ok {
		return KindRef{}, false
	}
	return p.kindOfClientType(fn.Type().(*types.Signature).Results().At(0).Type())
}

// handlerMethods lists the module methods an event handler value refers to (method values and calls inside
// handler closures).
func (p *project) handlerMethods(x ast.Expr, info *types.Info) []*types.Func {
	var out []*types.Func
	ast.Inspect(x, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && p.typed.funcs[fn.Origin()] != nil && recvNamed(fn) != nil {
			out = append(out, fn)
		}
		return true
	})
	return out
}

func recvNamed(fn *types.Func) *types.Named {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	return namedOf(sig.Recv().Type())
}

// resolvesOwner: the handler looks up the object's controller owner (metav1.GetControllerOf, owner references).
func (p *project) resolvesOwner(fn *types.Func) bool {
	ref := p.typed.funcs[fn.Origin()]
	if ref == nil || ref.decl.Body == nil {
		return false
	}
	found := false
	ast.Inspect(ref.decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			name := calleeName(call)
			found = found || name == "GetControllerOf" || name == "GetOwnerReferences" || name == "GetControllerOfNoCopy"
		}
		return !found
	})
	return found
}

// queueWorker is the method of the controller type that pops its workqueue (`c.workqueue.Get()`).
func (p *project) queueWorker(pkg *pkgInfo, typeName string) *funcRef {
	for _, name := range sortedKeys(pkg.methods[typeName]) {
		ref := pkg.methods[typeName][name]
		if ref.decl.Body == nil {
			continue
		}
		found := false
		ast.Inspect(ref.decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if ok && calleeName(call) == "Get" && len(call.Args) == 0 {
				if obj := pkg.calledObj(call); obj != nil && obj.Pkg() != nil &&
					strings.HasPrefix(obj.Pkg().Path(), "k8s.io/client-go/util/workqueue") {
					found = true
				}
			}
			return !found
		})
		if found {
			return ref
		}
	}
	return nil
}

// kitOnlyControllers: reconcilers registered only through a harness kit (no builder, no informer), with the
// kit's declared triggers.
func (p *project) kitOnlyControllers(reg *registrations, have []Controller) []Controller {
	known, named := map[string]bool{}, map[string]bool{}
	for _, c := range have {
		known[c.key] = true
		named[c.Named] = true
	}
	var out []Controller
	for _, id := range reg.kitOrder {
		rec := reg.kitRecv[id]
		// Wiring found elsewhere covers this ID when it names it, or when it is the type's only kit ID.
		if named[id] || (known[rec.key()] && reg.kitIDs[rec.key()] == id) {
			continue
		}
		pos := p.fset.Position(rec.reconcile.decl.Pos())
		rel := p.pos(rec.reconcile.decl.Pos())
		c := Controller{ReconcilerType: rec.name, Package: rec.pkg.dir, File: rel[:strings.LastIndex(rel, ":")],
			Line: pos.Line, Framework: "kit", Owns: []KindRef{}, Watches: []Watch{}, Reads: []Access{},
			Writes: []Access{}, Fields: []Field{}, PackageVars: []string{}, PackageVarWrites: []string{}, Aliases: []string{}, key: rec.key(),
			Named: id, Registered: true}
		if k := reg.kitFor[id]; k != "" {
			c.For = &KindRef{Kind: canonicalKitKind(k), Resolved: true}
		}
		for _, k := range reg.kitWatches[id] {
			if canonicalKitKind(k) != canonicalKitKind(reg.kitFor[id]) {
				c.Watches = append(c.Watches, Watch{KindRef: KindRef{Kind: canonicalKitKind(k), Resolved: true}})
			}
		}
		w := &walker{p: p, c: &c, stack: map[*ast.FuncDecl]bool{}, touched: map[string]bool{}, written: map[string]bool{}}
		c.MaxWritesPerReconcile = w.walkFunc(rec.reconcile, "", false, false, nil)
		c.Fields = p.structFields(rec.pkg, rec.name)
		c.PackageVars, c.PackageVarWrites = sortedKeys(w.touched), sortedKeys(w.written)
		out = append(out, c)
	}
	return out
}

// canonicalKitKind: kamera kinds are "group/Kind", with "" or "v1" for the core group.
func canonicalKitKind(k string) string {
	i := strings.LastIndex(k, "/")
	if i <= 0 || k[:i] == "v1" {
		return "core/" + k[i+1:]
	}
	return k
}
