package main

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// typed is a type expression together with the file whose imports give it meaning.
type typed struct {
	expr ast.Expr
	file *fileInfo
}

// env is a flow-insensitive, name-based view of one function's local variables and their types: enough to
// tell which Kubernetes kind an argument of r.Get/r.Create/… is in realistic reconciler code.
type env struct {
	p        *project
	file     *fileInfo
	recvName string
	recvType string
	vars     map[string]typed
	gvk      map[string]KindRef  // unstructured objects whose GVK is set in the function
	defs     map[string]ast.Expr // a local's first defining expression (a call for `x, err := f()`)
	info     *types.Info         // nil on the syntactic pass
}

func newEnv(p *project, ref *funcRef) *env {
	e := &env{p: p, file: ref.file, vars: map[string]typed{}, gvk: map[string]KindRef{}, defs: map[string]ast.Expr{},
		info: ref.file.pkg.info}
	d := ref.decl
	if d.Recv != nil && len(d.Recv.List) > 0 {
		e.recvType = recvTypeName(d.Recv.List[0].Type)
		if len(d.Recv.List[0].Names) > 0 {
			e.recvName = d.Recv.List[0].Names[0].Name
		}
	}
	e.addFields(d.Type.Params)
	e.addFields(d.Type.Results)
	if d.Body != nil {
		e.scan(d.Body)
	}
	return e
}

func (e *env) addFields(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			e.vars[n.Name] = typed{f.Type, e.file}
		}
	}
}

func (e *env) define(name string, t typed) {
	if name == "_" || t.expr == nil {
		return
	}
	if _, seen := e.vars[name]; !seen {
		e.vars[name] = t
	}
}

func (e *env) def(name string, x ast.Expr) {
	if _, seen := e.defs[name]; !seen && name != "_" {
		e.defs[name] = x
	}
}

func (e *env) scan(body ast.Node) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			e.addFields(s.Type.Params)
		case *ast.AssignStmt:
			if len(s.Lhs) == len(s.Rhs) {
				for i, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						e.define(id.Name, e.typeOf(s.Rhs[i]))
						e.def(id.Name, s.Rhs[i])
					}
				}
			} else if len(s.Rhs) == 1 {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						e.def(id.Name, s.Rhs[0])
					}
				}
			}
		case *ast.ValueSpec:
			for i, n := range s.Names {
				if s.Type != nil {
					e.define(n.Name, typed{s.Type, e.file})
				} else if i < len(s.Values) {
					e.define(n.Name, e.typeOf(s.Values[i]))
				}
			}
		case *ast.RangeStmt:
			if id, ok := s.Value.(*ast.Ident); ok {
				e.define(id.Name, e.elementOf(s.X))
			}
		case *ast.CallExpr:
			e.scanGVK(s)
		}
		return true
	})
}

// scanGVK remembers `u.SetGroupVersionKind(schema.GroupVersionKind{…})` and `u.SetAPIVersion/SetKind("…")`.
func (e *env) scanGVK(c *ast.CallExpr) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || len(c.Args) != 1 {
		return
	}
	v, ok := sel.X.(*ast.Ident)
	if !ok {
		return
	}
	cur := e.gvk[v.Name]
	switch sel.Sel.Name {
	case "SetGroupVersionKind":
		if k, ok := e.withKind(c.Args[0]); ok {
			e.gvk[v.Name] = k
			return
		}
		cl, ok := c.Args[0].(*ast.CompositeLit)
		if !ok {
			return
		}
		fields := map[string]string{}
		for _, el := range cl.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					fields[k.Name] = stringLit(kv.Value)
				}
			}
		}
		if fields["Kind"] != "" {
			e.gvk[v.Name] = mkKind(fields["Group"], fields["Version"], fields["Kind"], true)
		}
	case "SetKind":
		if k := stringLit(c.Args[0]); k != "" {
			group := ""
			if i := strings.LastIndex(cur.Kind, "/"); i >= 0 {
				group = cur.Kind[:i]
			}
			e.gvk[v.Name] = mkKind(group, gvkVersion(cur.GVK), k, true)
		}
	case "SetAPIVersion":
		if av := stringLit(c.Args[0]); av != "" {
			group, version := "core", av
			if i := strings.Index(av, "/"); i >= 0 {
				group, version = av[:i], av[i+1:]
			}
			kind := cur.Kind[strings.LastIndex(cur.Kind, "/")+1:]
			e.gvk[v.Name] = mkKind(group, version, kind, true)
		}
	}
}

func gvkVersion(gvk string) string {
	parts := strings.Split(gvk, "/")
	if len(parts) == 3 {
		return parts[1]
	}
	return ""
}

func stringLit(e ast.Expr) string {
	if lit, ok := e.(*ast.BasicLit); ok {
		s, err := strconv.Unquote(lit.Value)
		if err == nil {
			return s
		}
	}
	return ""
}

// typeOf gives the static type of an expression when it is evident from the syntax.
func (e *env) typeOf(x ast.Expr) typed {
	switch v := x.(type) {
	case *ast.Ident:
		return e.vars[v.Name]
	case *ast.ParenExpr:
		return e.typeOf(v.X)
	case *ast.UnaryExpr:
		return e.typeOf(v.X)
	case *ast.StarExpr:
		return e.typeOf(v.X)
	case *ast.CompositeLit:
		return typed{v.Type, e.file}
	case *ast.IndexExpr:
		return e.elementOf(v.X)
	case *ast.CallExpr:
		return e.callResult(v)
	}
	return typed{}
}

func (e *env) callResult(c *ast.CallExpr) typed {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		if f.Name == "new" && len(c.Args) == 1 {
			return typed{c.Args[0], e.file}
		}
		if ref := e.file.pkg.funcs[f.Name]; ref != nil {
			return firstResult(ref)
		}
	case *ast.SelectorExpr:
		if f.Sel.Name == "DeepCopy" || f.Sel.Name == "DeepCopyObject" {
			return e.typeOf(f.X)
		}
		if id, ok := f.X.(*ast.Ident); ok && id.Name == e.recvName {
			if ref := e.file.pkg.methods[e.recvType][f.Sel.Name]; ref != nil {
				return firstResult(ref)
			}
		}
	}
	return typed{}
}

func firstResult(ref *funcRef) typed {
	r := ref.decl.Type.Results
	if r == nil || len(r.List) == 0 {
		return typed{}
	}
	return typed{r.List[0].Type, ref.file}
}

// elementOf is the element type of `list.Items` (a <Kind>List) or of a slice.
func (e *env) elementOf(x ast.Expr) typed {
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "Items" {
		t := e.typeOf(sel.X)
		switch te := unstar(t.expr).(type) {
		case *ast.Ident:
			return typed{ast.NewIdent(strings.TrimSuffix(te.Name, "List")), t.file}
		case *ast.SelectorExpr:
			return typed{&ast.SelectorExpr{X: te.X, Sel: ast.NewIdent(strings.TrimSuffix(te.Sel.Name, "List"))}, t.file}
		}
		return typed{}
	}
	t := e.typeOf(x)
	if arr, ok := unstar(t.expr).(*ast.ArrayType); ok {
		return typed{arr.Elt, t.file}
	}
	return typed{}
}

func unstar(x ast.Expr) ast.Expr {
	if s, ok := x.(*ast.StarExpr); ok {
		return s.X
	}
	return x
}

// kindOfArg resolves the Kubernetes kind of an object argument. With type information the expression's type
// decides (an interface or a non-object struct is no kind); without it, names and imports do.
func (e *env) kindOfArg(x ast.Expr) (KindRef, bool, bool) {
	if id, ok := stripAddr(x).(*ast.Ident); ok {
		if k, ok := e.gvk[id.Name]; ok && k.Kind != "" {
			return k, strings.HasSuffix(k.Kind, "List"), true
		}
	}
	if cl, ok := stripAddr(x).(*ast.CompositeLit); ok {
		if k, ok := literalGVK(cl); ok {
			return k, false, true
		}
	}
	if e.info != nil {
		if t := e.info.TypeOf(x); t != nil {
			return e.p.kindOfType(t)
		}
	}
	t := e.typeOf(x)
	if t.expr == nil {
		return KindRef{}, false, false
	}
	ref, ok := e.p.resolveTypeExpr(t.expr, t.file)
	if !ok {
		return KindRef{}, false, false
	}
	return e.p.kindOf(ref)
}

func stripAddr(x ast.Expr) ast.Expr {
	for {
		switch v := x.(type) {
		case *ast.UnaryExpr:
			x = v.X
		case *ast.ParenExpr:
			x = v.X
		default:
			return x
		}
	}
}

// withKind reads `pkg.SchemeGroupVersion.WithKind("K")` / `pkg.GroupVersion.WithKind("K")`.
func (e *env) withKind(x ast.Expr) (KindRef, bool) {
	call, ok := x.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return KindRef{}, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "WithKind" {
		return KindRef{}, false
	}
	kind := stringLit(call.Args[0])
	gv, ok := sel.X.(*ast.SelectorExpr)
	if kind == "" || !ok {
		return KindRef{}, false
	}
	pkgID, ok := gv.X.(*ast.Ident)
	if !ok {
		return KindRef{}, false
	}
	ip, ok := e.file.imports[pkgID.Name]
	if !ok {
		return KindRef{}, false
	}
	return e.p.kindInPackage(ip, kind)
}

// literalGVK reads the kind of `metav1.PartialObjectMetadata{TypeMeta: metav1.TypeMeta{APIVersion: …, Kind: …}}`
// and `unstructured.Unstructured{Object: map[string]interface{}{"apiVersion": …, "kind": …}}`.
func literalGVK(cl *ast.CompositeLit) (KindRef, bool) {
	apiVersion, kind := "", ""
	ast.Inspect(cl, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		key := stringLit(kv.Key)
		if id, ok := kv.Key.(*ast.Ident); ok {
			key = id.Name
		}
		switch key {
		case "APIVersion", "apiVersion":
			apiVersion = stringLit(kv.Value)
		case "Kind", "kind":
			kind = stringLit(kv.Value)
		}
		return true
	})
	if kind == "" || apiVersion == "" {
		return KindRef{}, false
	}
	group, version := "core", apiVersion
	if i := strings.Index(apiVersion, "/"); i >= 0 {
		group, version = apiVersion[:i], apiVersion[i+1:]
	}
	return mkKind(group, version, kind, true), true
}
