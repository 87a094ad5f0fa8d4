package main

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"
)

// scope is a body that can wire controllers: a function, or a package-level variable's initialiser (a cobra
// command whose `Run: func…` sets the manager up).
type scope struct {
	ref  *funcRef
	file *fileInfo
	body ast.Node
	node ast.Node // the reachability key: the *ast.FuncDecl, or the variable's initialiser
}

func (p *project) scopes() []*scope {
	var out []*scope
	for _, dir := range sortedKeys(p.pkgs) {
		for _, fi := range p.pkgs[dir].files {
			for _, decl := range fi.ast.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if d.Body != nil {
						out = append(out, &scope{ref: &funcRef{decl: d, file: fi}, file: fi, body: d.Body, node: d})
					}
				case *ast.GenDecl:
					if d.Tok != token.VAR {
						continue
					}
					for _, spec := range d.Specs {
						vs := spec.(*ast.ValueSpec)
						for i, v := range vs.Values {
							if !hasFuncLit(v) {
								continue
							}
							// A synthetic function around the initialiser gives it an env like any body.
							fd := &ast.FuncDecl{Name: vs.Names[min(i, len(vs.Names)-1)], Type: &ast.FuncType{Params: &ast.FieldList{}},
								Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: v}}}}
							out = append(out, &scope{ref: &funcRef{decl: fd, file: fi}, file: fi, body: v, node: v})
						}
					}
				}
			}
		}
	}
	return out
}

func hasFuncLit(x ast.Node) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		_, isLit := n.(*ast.FuncLit)
		found = found || isLit
		return !found
	})
	return found
}

// registrations: what makes a controller run. With type information and a main package, a controller is
// registered when the code wiring it is reachable from main (calls, method values, interface dispatch by
// method name, package variables); otherwise the syntactic rules: SetupWithManager called on the type, wiring
// in package main, or a setup function that is called somewhere. Kit calls (`WithReconciler("ID", r)`) both
// register a reconciler and name it.
type registrations struct {
	reach      map[ast.Node]bool // nil: reachability not computed (syntactic pass or no main package)
	setupTypes map[string]bool
	kitIDs     map[string]string // reconciler key → kit ID
	kitRecv    map[string]reconciler
	kitOrder   []string
	kitFor     map[string]string   // kit ID → kind ("group/Kind") from AssignReconcilerToKind
	kitWatches map[string][]string // kit ID → kinds from WithResourceDep
	p          *project
}

func (r *registrations) registered(sc *scope, key string) bool {
	if _, ok := r.kitIDs[key]; ok {
		return true
	}
	if r.reach != nil {
		return r.reach[sc.node]
	}
	bare := key[strings.LastIndex(key, ".")+1:]
	name := sc.ref.decl.Name.Name
	return r.setupTypes[bare] || sc.file.pkg.name == "main" || (name != "SetupWithManager" && r.p.isCalled(name))
}

func (p *project) registrations() *registrations {
	r := &registrations{setupTypes: p.registeredTypes(), kitIDs: map[string]string{}, kitRecv: map[string]reconciler{},
		kitFor: map[string]string{}, kitWatches: map[string][]string{}, p: p}
	if p.typed != nil && p.typed.hasMain {
		r.reach = p.reachable()
	}
	p.scanKit(r)
	return r
}

// reachable walks from every main and init function through calls, function and method values, package
// variables and (by name, for interface calls) every module method implementing the called interface method.
func (p *project) reachable() map[ast.Node]bool {
	seen := map[ast.Node]bool{}
	type item struct {
		node ast.Node
		body ast.Node
		info *types.Info
	}
	var queue []item
	push := func(node, body ast.Node, info *types.Info) {
		if node != nil && body != nil && info != nil && !seen[node] {
			seen[node] = true
			queue = append(queue, item{node, body, info})
		}
	}
	pushFunc := func(ref *funcRef) { push(ref.decl, ref.decl.Body, ref.file.pkg.info) }
	for _, pkg := range p.pkgs {
		for _, fi := range pkg.files {
			for _, decl := range fi.ast.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil && (fd.Name.Name == "init" || (pkg.name == "main" && fd.Name.Name == "main")) {
					pushFunc(&funcRef{decl: fd, file: fi})
				}
			}
		}
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		ast.Inspect(it.body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			switch o := it.info.Uses[id].(type) {
			case *types.Func:
				if ref := p.typed.funcs[o.Origin()]; ref != nil {
					pushFunc(ref)
				} else if sig, ok := o.Type().(*types.Signature); ok && sig.Recv() != nil {
					if iface, ok := sig.Recv().Type().Underlying().(*types.Interface); ok {
						for _, ref := range p.typed.byName[o.Name()] {
							if m, ok := ref.file.pkg.info.Defs[ref.decl.Name].(*types.Func); ok &&
								types.Implements(m.Type().(*types.Signature).Recv().Type(), iface) {
								pushFunc(ref)
							}
						}
					}
				}
			case *types.Var:
				if v := p.typed.vars[o]; v != nil && v.init != nil {
					push(v.init, v.init, v.pkg.info)
				}
			}
			return true
		})
	}
	return seen
}

var kitID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.:/-]*$`)

// scanKit finds harness-kit registrations: any call taking an ID string and a reconciler value (or a factory
// returning one), e.g. `eb.WithReconciler("FooController", func(c client.Client) tracecheck.Reconciler {
// return &FooReconciler{Client: c} })`; and the kit's trigger declarations `AssignReconcilerToKind("ID",
// "group/Kind")` and `WithResourceDep("group/Kind", "ID", …)`.
func (p *project) scanKit(r *registrations) {
	for _, sc := range p.scopes() {
		var e *env
		ast.Inspect(sc.body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			name := calleeName(call)
			first := p.constString(sc.file, call.Args[0])
			switch name {
			case "AssignReconcilerToKind":
				if kind := p.constString(sc.file, call.Args[1]); first != "" && kind != "" {
					r.kitFor[first] = kind
				}
				return true
			case "WithResourceDep":
				for _, a := range call.Args[1:] {
					if id := p.constString(sc.file, a); id != "" && first != "" {
						r.kitWatches[id] = append(r.kitWatches[id], first)
					}
				}
				return true
			}
			if first == "" || !kitID.MatchString(first) {
				return true
			}
			if e == nil {
				e = newEnv(p, sc.ref)
			}
			for _, a := range call.Args[1:] {
				rec := p.reconcilerOfValue(a, e)
				if rec.reconcile == nil {
					continue
				}
				// One reconciler type may run under several kit IDs (one per instance): each ID is a controller;
				// the type's key names the first, for builder wiring that does not name its controller.
				if _, dup := r.kitIDs[rec.key()]; !dup {
					r.kitIDs[rec.key()] = first
				}
				if _, seen := r.kitRecv[first]; !seen {
					r.kitRecv[first] = rec
					r.kitOrder = append(r.kitOrder, first)
				}
				break
			}
			return true
		})
	}
}

// reconcilerOfValue: a reconciler value, or a factory literal whose return statements build one.
func (p *project) reconcilerOfValue(x ast.Expr, e *env) reconciler {
	if lit, ok := ast.Unparen(x).(*ast.FuncLit); ok {
		var found reconciler
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if ret, ok := n.(*ast.ReturnStmt); ok && found.reconcile == nil {
				for _, res := range ret.Results {
					if rec := p.reconcilerOfExpr(res, e, 0); rec.reconcile != nil {
						found = rec
					}
				}
			}
			return found.reconcile == nil
		})
		return found
	}
	if _, isLit := stripAddr(x).(*ast.CompositeLit); !isLit && e.info == nil {
		return reconciler{} // without types only literals are trusted as reconciler values
	}
	return p.reconcilerOfExpr(x, e, 0)
}

// constString is a string literal or a string constant's value.
func (p *project) constString(f *fileInfo, x ast.Expr) string {
	if s := stringLit(x); s != "" {
		return s
	}
	if f.pkg.info != nil {
		if tv, ok := f.pkg.info.Types[x]; ok && tv.Value != nil {
			if tv.Value.Kind() == constant.String {
				return constant.StringVal(tv.Value)
			}
		}
	}
	if id, ok := x.(*ast.Ident); ok {
		return f.pkg.consts[id.Name]
	}
	return ""
}
