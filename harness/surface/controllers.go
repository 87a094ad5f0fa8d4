package main

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

type link struct {
	name string
	call *ast.CallExpr
}

// builderChain unrolls `ctrl.NewControllerManagedBy(mgr).For(…).Owns(…).Complete(r)` into its links, outermost
// first. ok is false when the chain does not start at a controller-runtime builder.
func builderChain(c *ast.CallExpr) ([]link, bool) {
	var links []link
	var x ast.Expr = c
	root := false
	for {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			break
		}
		links = append(links, link{sel.Sel.Name, call})
		if sel.Sel.Name == "NewControllerManagedBy" || sel.Sel.Name == "ControllerManagedBy" {
			root = true
		}
		x = sel.X
	}
	return links, root
}

func (p *project) findControllers() []Controller {
	registered := p.registeredTypes()
	var out []Controller
	for _, dir := range sortedKeys(p.pkgs) {
		pkg := p.pkgs[dir]
		for _, fi := range pkg.files {
			for _, decl := range fi.ast.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				ref := &funcRef{decl: fd, file: fi}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok || (sel.Sel.Name != "Complete" && sel.Sel.Name != "Build") {
						return true
					}
					links, isBuilder := builderChain(call)
					if !isBuilder {
						return true
					}
					out = append(out, p.controller(ref, links, registered))
					return false
				})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (p *project) controller(ref *funcRef, links []link, registered map[string]bool) Controller {
	complete := links[0].call
	e := newEnv(p, ref)
	c := Controller{Package: ref.file.pkg.dir, File: ref.file.rel, Line: p.fset.Position(complete.Pos()).Line,
		Owns: []KindRef{}, Watches: []Watch{}, Reads: []Access{}, Writes: []Access{}, Fields: []Field{}, PackageVars: []string{}}
	recvPkg, recvType := p.reconcilerType(complete, e)
	c.ReconcilerType = recvType
	w := &walker{p: p, c: &c, stack: map[*ast.FuncDecl]bool{}, touched: map[string]bool{}}
	var mappers []func()
	for i := len(links) - 1; i >= 0; i-- {
		l := links[i]
		switch l.name {
		case "For":
			if k, ok := p.objectKind(l.call.Args, e); ok {
				c.For = &k
			}
		case "Owns":
			if k, ok := p.objectKind(l.call.Args, e); ok {
				c.Owns = append(c.Owns, k)
			}
		case "Watches", "WatchesRawSource", "WatchesMetadata":
			k, ok := p.objectKind(l.call.Args, e)
			if !ok {
				p.note(l.call.Pos(), "watch source kind could not be resolved; not mapped")
				continue
			}
			mapper, owner, walk := p.handlerOf(l.call.Args, e, recvPkg, recvType)
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
				c.ID = stringLit(l.call.Args[0])
				if id, ok := l.call.Args[0].(*ast.Ident); ok && c.ID == "" {
					c.ID = ref.file.pkg.consts[id.Name]
				}
			}
		}
	}
	if c.ID == "" {
		c.ID = recvType
	}
	if c.ID == "" {
		c.ID = "controller@" + p.pos(complete.Pos())
	}
	if recvPkg != nil {
		if rec := recvPkg.methods[recvType]["Reconcile"]; rec != nil {
			c.MaxWritesPerReconcile = w.walkFunc(rec, "", false, false)
		} else {
			p.note(complete.Pos(), "no Reconcile method found on "+recvType)
		}
		c.Fields = p.structFields(recvPkg, recvType)
	} else {
		p.note(complete.Pos(), "reconciler type of this controller could not be resolved; reads/writes not mapped")
	}
	for _, m := range mappers {
		m()
	}
	c.Registered = registered[recvType] || (ref.file.pkg.name == "main") ||
		(ref.decl.Name.Name != "SetupWithManager" && p.isCalled(ref.decl.Name.Name))
	c.PackageVars = sortedKeys(w.touched)
	return c
}

// reconcilerType resolves the argument of Complete(…): the receiver `r`, `&T{…}` or a typed local.
func (p *project) reconcilerType(complete *ast.CallExpr, e *env) (*pkgInfo, string) {
	if len(complete.Args) != 1 {
		return nil, ""
	}
	arg := stripAddr(complete.Args[0])
	if id, ok := arg.(*ast.Ident); ok && id.Name == e.recvName && e.recvType != "" {
		return e.file.pkg, e.recvType
	}
	t := e.typeOf(arg)
	if t.expr == nil {
		return nil, ""
	}
	ref, ok := p.resolveTypeExpr(t.expr, t.file)
	if !ok || ref.pkg == nil {
		return nil, ""
	}
	return ref.pkg, ref.name
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
	switch f := fn.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && id.Name == e.recvName && recvPkg != nil {
			if ref := recvPkg.methods[recvType][f.Sel.Name]; ref != nil {
				return f.Sel.Name, func(w *walker) { _ = w.walkFunc(ref, f.Sel.Name, true, false) }
			}
		}
		return f.Sel.Name, nil
	case *ast.Ident:
		if ref := e.file.pkg.funcs[f.Name]; ref != nil {
			return f.Name, func(w *walker) { _ = w.walkFunc(ref, f.Name, true, false) }
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
