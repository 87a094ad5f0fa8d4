package main

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"
)

// Which client a call goes through. The manager's client reads from the informer cache (the staleness that
// kamera models); an APIReader or a clientset reads the API server directly; a client obtained from a call
// other than the manager's (a cluster cache tracker, a remote-cluster factory) talks to another cluster.
const (
	clientUncached = "uncached"
	clientRemote   = "remote"
)

var uncachedName = regexp.MustCompile(`(?i)apireader|uncached|noncached|nocache|directclient|liveclient`)

// clientOf labels the client of `X.Get(…)` (sel is the call's selector; X may be `c.Status()`).
func (w *walker) clientOf(sel *ast.SelectorExpr, fr *frame) string {
	if sel == nil {
		return ""
	}
	x := ast.Unparen(sel.X)
	if call, ok := x.(*ast.CallExpr); ok {
		if s, ok := call.Fun.(*ast.SelectorExpr); ok && (s.Sel.Name == "Status" || s.Sel.Name == "SubResource") {
			x = s.X
		}
	}
	return w.classifyClient(x, fr, 0)
}

func (w *walker) classifyClient(x ast.Expr, fr *frame, depth int) string {
	if depth > 3 {
		return ""
	}
	switch v := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v.Name == fr.env.recvName {
			return ""
		}
		if def, ok := fr.env.defs[v.Name]; ok {
			return w.classifyClient(def, fr, depth+1)
		}
		if uncachedName.MatchString(v.Name) {
			return clientUncached
		}
	case *ast.SelectorExpr:
		if uncachedName.MatchString(v.Sel.Name) {
			return clientUncached
		}
	case *ast.CallExpr:
		name := calleeName(v)
		if name == "GetAPIReader" || uncachedName.MatchString(name) {
			return clientUncached
		}
		if obj := fr.env.file.pkg.calledObj(v); obj != nil && obj.Pkg() != nil {
			path := obj.Pkg().Path()
			if strings.HasPrefix(path, crRoot+"/pkg/manager") || strings.HasPrefix(path, crRoot+"/pkg/cluster") {
				return ""
			}
			if path == crClient && (name == "New" || name == "NewWithWatch") {
				return clientUncached
			}
		}
		if strings.Contains(strings.ToLower(name), "client") && name != "GetClient" || isRemoteFactory(v, fr) {
			return clientRemote
		}
	}
	return ""
}

// isRemoteFactory: `tracker.GetClient(ctx, clusterKey)` and the like — a GetClient that takes arguments is not
// the manager's (whose GetClient takes none).
func isRemoteFactory(c *ast.CallExpr, fr *frame) bool {
	return calleeName(c) == "GetClient" && len(c.Args) > 0
}

// isStatusWriter reports a local holding `c.Status()`.
func isStatusWriter(fr *frame, x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	def, ok := fr.env.defs[id.Name]
	return ok && isStatusReceiver(def)
}

// isTypedClient: client-go's generated typed clients (…/typed/<group>/<version>) and listers.
func isTypedClient(path string) bool {
	return strings.Contains(path, "/typed/") || strings.Contains(path, "/listers/")
}

var typedOps = map[string]string{
	"Get": "GET", "List": "LIST", "Create": "CREATE", "Update": "UPDATE", "UpdateStatus": "UPDATE",
	"Patch": "PATCH", "Apply": "APPLY", "ApplyStatus": "APPLY", "Delete": "DELETE", "DeleteCollection": "DELETE",
}

// typedClientCall records `clientset.AppsV1().Deployments(ns).Create(…)` or `lister.Foos(ns).Get(name)`: the
// kind comes from the typed client's own Get/List signature, so calls taking only a name resolve too.
func (w *walker) typedClientCall(c *ast.CallExpr, obj types.Object, fr *frame, cond, loop bool) int {
	op, ok := typedOps[obj.Name()]
	sel, isSel := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok || !isSel || fr.env.info == nil {
		return 0
	}
	ref, ok := w.p.kindOfClientType(fr.env.info.TypeOf(sel.X))
	if !ok {
		w.p.note(c.Pos(), "typed client "+obj.Name()+" whose kind could not be resolved (unknown kind); not mapped")
		return 0
	}
	status := strings.HasSuffix(obj.Name(), "Status")
	if obj.Name() == "Patch" {
		for _, a := range c.Args[min(len(c.Args), 4):] {
			status = status || stringLit(a) == "status"
		}
	}
	client := ""
	if strings.Contains(funcPkgPath(asFunc(obj)), "/typed/") {
		client = clientUncached
	}
	return w.record(c, ref, op, status, client, nil, fr, cond, loop)
}

func asFunc(o types.Object) *types.Func {
	f, _ := o.(*types.Func)
	return f
}

// kindOfClientType is the kind a typed client or lister serves: the result of its Get, else the element of
// its List.
func (p *project) kindOfClientType(t types.Type) (KindRef, bool) {
	if t == nil {
		return KindRef{}, false
	}
	for _, m := range []string{"Get", "List"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m)
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		res := fn.Type().(*types.Signature).Results()
		if res.Len() == 0 {
			continue
		}
		rt := res.At(0).Type()
		if sl, ok := rt.Underlying().(*types.Slice); ok {
			rt = sl.Elem()
		}
		if k, _, ok := p.kindOfType(rt); ok {
			return k, true
		}
	}
	return KindRef{}, false
}
