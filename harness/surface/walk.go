package main

import (
	"go/ast"
	"go/token"
	"go/types"
)

var clientOps = map[string]string{
	"Get": "GET", "List": "LIST", "Create": "CREATE", "Update": "UPDATE", "Patch": "PATCH",
	"Delete": "DELETE", "DeleteAllOf": "DELETE",
}

// objArg is the position of the object argument of each client method.
var objArg = map[string]int{"Get": 2, "List": 1, "Create": 1, "Update": 1, "Patch": 1, "Delete": 1, "DeleteAllOf": 1}

// walker collects the reads and writes reachable from one entry function (Reconcile or a mapper), following
// calls into methods of the same type and functions of the same package, in source order.
type walker struct {
	p       *project
	c       *Controller
	stack   map[*ast.FuncDecl]bool
	touched map[string]bool
	written map[string]bool
	steps   int
	// derefDepth bounds following a local's definition when resolving its kind.
	derefDepth int
	// pendingNil hands nilArgs of the call being followed to the callee's frame.
	pendingNil map[types.Object]bool
}

// maxSteps bounds the helper calls followed from one entry: call graphs of real operators fan out widely.
const maxSteps = 4000

type frame struct {
	env        *env
	via        string
	finalizers map[string]bool
	// bound gives interface-typed parameters the kind of the caller's argument (helpers taking client.Object).
	bound map[types.Object]KindRef
	// nilParams are parameters the caller passed a literal nil: `if p != nil { … }` is dead on this path.
	nilParams map[types.Object]bool
	// lazy: package variables this function tests against nil (`if cache != nil { return cache }`): writes to
	// them are lazy initialisation of a value every caller computes alike, not state.
	lazy map[string]bool
	// inOnce: inside `once.Do(func() { … })`, writes are initialisation too.
	inOnce bool
}

// span is what a statement contributes to the write count: the most writes on a path that falls through
// (cont) and on a path that returns (ret); -1 = no such path. Early returns make branches exclusive, so the
// count is the longest single execution, not the number of call sites.
type span struct{ cont, ret int }

func seq(a, b span) span {
	out := span{cont: -1, ret: a.ret}
	if a.cont >= 0 {
		if b.cont >= 0 {
			out.cont = a.cont + b.cont
		}
		if b.ret >= 0 {
			out.ret = max(out.ret, a.cont+b.ret)
		}
	}
	return out
}

func alt(a, b span) span { return span{cont: max(a.cont, b.cont), ret: max(a.ret, b.ret)} }

func (s span) total() int { return max(0, s.cont, s.ret) }

func flat(n int) span { return span{cont: n, ret: -1} }

// walkFunc walks a function body and returns the most writes one call of it can issue.
func (w *walker) walkFunc(ref *funcRef, via string, cond, loop bool, bound map[types.Object]KindRef) int {
	nilParams := w.pendingNil
	w.pendingNil = nil
	if ref == nil || ref.decl.Body == nil || w.stack[ref.decl] || len(w.stack) > 8 || w.steps > maxSteps {
		return 0
	}
	w.steps++
	w.stack[ref.decl] = true
	defer delete(w.stack, ref.decl)
	fr := &frame{env: newEnv(w.p, ref), via: via, finalizers: map[string]bool{}, bound: bound, nilParams: nilParams}
	fr.lazy = w.nilTested(ref.decl.Body, fr)
	return w.block(ref.decl.Body, fr, cond, loop).total()
}

func (w *walker) block(b *ast.BlockStmt, fr *frame, cond, loop bool) span {
	if b == nil {
		return flat(0)
	}
	return w.stmts(b.List, fr, cond, loop)
}

func (w *walker) stmts(list []ast.Stmt, fr *frame, cond, loop bool) span {
	acc := flat(0)
	for _, s := range list {
		acc = seq(acc, w.stmt(s, fr, cond, loop))
	}
	return acc
}

func (w *walker) stmt(s ast.Stmt, fr *frame, cond, loop bool) span {
	switch v := s.(type) {
	case nil:
		return flat(0)
	case *ast.BlockStmt:
		return w.block(v, fr, cond, loop)
	case *ast.IfStmt:
		pre := seq(w.stmt(v.Init, fr, cond, loop), flat(w.expr(v.Cond, fr, cond, loop)))
		switch nilTest(v.Cond, fr) {
		case "!=": // p != nil with p passed nil: only the else branch runs
			return seq(pre, w.stmt(v.Else, fr, cond, loop))
		case "==":
			return seq(pre, w.block(v.Body, fr, cond, loop))
		}
		return seq(pre, alt(w.block(v.Body, fr, true, loop), w.stmt(v.Else, fr, true, loop)))
	case *ast.ForStmt:
		pre := seq(w.stmt(v.Init, fr, cond, loop), flat(w.expr(v.Cond, fr, cond, loop)))
		body := seq(w.block(v.Body, fr, true, true), w.stmt(v.Post, fr, true, true))
		return seq(pre, alt(flat(0), span{cont: max(0, body.cont), ret: body.ret}))
	case *ast.RangeStmt:
		body := w.block(v.Body, fr, true, true)
		return seq(flat(w.expr(v.X, fr, cond, loop)), alt(flat(0), span{cont: max(0, body.cont), ret: body.ret}))
	case *ast.SwitchStmt:
		pre := seq(w.stmt(v.Init, fr, cond, loop), flat(w.expr(v.Tag, fr, cond, loop)))
		return seq(pre, w.clauses(v.Body, fr, loop))
	case *ast.TypeSwitchStmt:
		pre := seq(w.stmt(v.Init, fr, cond, loop), w.stmt(v.Assign, fr, cond, loop))
		return seq(pre, w.clauses(v.Body, fr, loop))
	case *ast.SelectStmt:
		return w.clauses(v.Body, fr, loop)
	case *ast.LabeledStmt:
		return w.stmt(v.Stmt, fr, cond, loop)
	case *ast.ExprStmt:
		return flat(w.expr(v.X, fr, cond, loop))
	case *ast.AssignStmt:
		n := 0
		for _, x := range v.Rhs {
			n += w.expr(x, fr, cond, loop)
		}
		for _, x := range v.Lhs {
			n += w.expr(x, fr, cond, loop)
			if v.Tok != token.DEFINE {
				w.markWrite(x, fr)
			}
		}
		return flat(n)
	case *ast.ReturnStmt:
		n := 0
		for _, x := range v.Results {
			n += w.expr(x, fr, cond, loop)
		}
		return span{cont: -1, ret: n}
	case *ast.DeclStmt:
		n := 0
		if gd, ok := v.Decl.(*ast.GenDecl); ok {
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, x := range vs.Values {
						n += w.expr(x, fr, cond, loop)
					}
				}
			}
		}
		return flat(n)
	case *ast.GoStmt:
		return flat(w.expr(v.Call, fr, true, loop))
	case *ast.DeferStmt:
		return flat(w.expr(v.Call, fr, cond, loop))
	case *ast.IncDecStmt:
		w.markWrite(v.X, fr)
		return flat(w.expr(v.X, fr, cond, loop))
	case *ast.SendStmt:
		return flat(w.expr(v.Chan, fr, cond, loop) + w.expr(v.Value, fr, cond, loop))
	}
	return flat(0)
}

func (w *walker) clauses(b *ast.BlockStmt, fr *frame, loop bool) span {
	out := span{cont: -1, ret: -1}
	hasDefault := false
	for _, c := range b.List {
		switch cc := c.(type) {
		case *ast.CaseClause:
			hasDefault = hasDefault || cc.List == nil
			n := 0
			for _, x := range cc.List {
				n += w.expr(x, fr, true, loop)
			}
			out = alt(out, seq(flat(n), w.stmts(cc.Body, fr, true, loop)))
		case *ast.CommClause:
			hasDefault = hasDefault || cc.Comm == nil
			out = alt(out, seq(w.stmt(cc.Comm, fr, true, loop), w.stmts(cc.Body, fr, true, loop)))
		}
	}
	if !hasDefault {
		out = alt(out, flat(0))
	}
	return out
}

// expr walks an expression in evaluation order and returns the writes it issues.
func (w *walker) expr(x ast.Expr, fr *frame, cond, loop bool) int {
	if x == nil {
		return 0
	}
	n := 0
	var visit func(node ast.Node) bool
	visit = func(node ast.Node) bool {
		switch v := node.(type) {
		case *ast.SelectorExpr:
			w.touch(v.Sel, fr) // pkg.Var of another module package
			ast.Inspect(v.X, visit)
			return false
		case *ast.KeyValueExpr:
			ast.Inspect(v.Value, visit)
			return false
		case *ast.FuncLit:
			n += w.block(v.Body, fr, cond, loop).total()
			return false
		case *ast.CallExpr:
			if sel, ok := v.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Do" && len(v.Args) == 1 {
				if lit, ok := v.Args[0].(*ast.FuncLit); ok { // sync.Once.Do: initialisation
					once := *fr
					once.inOnce = true
					n += w.block(lit.Body, &once, cond, loop).total()
					return false
				}
			}
			noteFinalizerEdit(v, fr)
			if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "delete" && len(v.Args) > 0 {
				w.markWrite(v.Args[0], fr)
			}
			if sel, ok := v.Fun.(*ast.SelectorExpr); ok && mutators[sel.Sel.Name] {
				w.markWrite(sel.X, fr)
			}
			n += w.call(v, fr, cond, loop)
		case *ast.Ident:
			w.touch(v, fr)
		}
		return true
	}
	ast.Inspect(x, visit)
	return n
}

// noteFinalizerEdit: `obj.SetFinalizers(…)` makes the next update of obj a metadata write, like
// controllerutil.AddFinalizer/RemoveFinalizer.
func noteFinalizerEdit(c *ast.CallExpr, fr *frame) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "SetFinalizers" {
		return
	}
	if id, ok := stripAddr(sel.X).(*ast.Ident); ok {
		fr.finalizers[id.Name] = true
	}
}

// Methods that change the variable they are called on (sync.Map, counters, caches).
var mutators = map[string]bool{
	"Store": true, "LoadOrStore": true, "LoadAndDelete": true, "Delete": true, "Add": true, "Set": true,
	"Put": true, "Inc": true, "Dec": true, "Swap": true, "CompareAndSwap": true, "Reset": true, "Push": true,
	"Insert": true, "Remove": true, "Clear": true, "Store64": true, "AddInt64": true,
}

// nilTest reports "!=" or "==" for a condition `p != nil` / `p == nil` on a parameter passed a literal nil.
func nilTest(x ast.Expr, fr *frame) string {
	b, ok := ast.Unparen(x).(*ast.BinaryExpr)
	if !ok || fr.env.info == nil || len(fr.nilParams) == 0 || (b.Op != token.NEQ && b.Op != token.EQL) {
		return ""
	}
	id, ok := ast.Unparen(b.X).(*ast.Ident)
	if nilID, isNil := ast.Unparen(b.Y).(*ast.Ident); !ok || !isNil || nilID.Name != "nil" {
		return ""
	}
	if !fr.nilParams[fr.env.info.Uses[id]] {
		return ""
	}
	return b.Op.String()
}

// nilTested lists the package variables a function compares with nil.
func (w *walker) nilTested(body ast.Node, fr *frame) map[string]bool {
	var out map[string]bool
	ast.Inspect(body, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return true
		}
		if nilID, ok := ast.Unparen(b.Y).(*ast.Ident); !ok || nilID.Name != "nil" {
			return true
		}
		var id *ast.Ident
		switch x := ast.Unparen(b.X).(type) {
		case *ast.Ident:
			id = x
		case *ast.SelectorExpr:
			id = x.Sel
		}
		if id != nil {
			if name := w.packageVar(id, fr); name != "" {
				if out == nil {
					out = map[string]bool{}
				}
				out[name] = true
			}
		}
		return true
	})
	return out
}
