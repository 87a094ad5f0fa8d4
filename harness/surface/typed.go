package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// The typed pass: the module is loaded with its own go.mod through go/packages and type-checked, so every
// expression has its real type (multi-value results, constructors, interfaces vs concrete types). Dependencies
// are type-checked from source with their function bodies dropped (only their declarations matter), which is
// faster than compiling them for export data. When loading fails, load() falls back to the syntactic pass.

// groupVersion is what an API package declares about itself (`+groupName=`, `schema.GroupVersion{…}`,
// `const GroupName`), found while its files are parsed.
type groupVersion struct {
	group, version string
	groupExpr      ast.Expr // a Group given by a constant, evaluated once the package is type-checked
}

type typedIndex struct {
	funcs   map[*types.Func]*funcRef // module functions and methods by their type-checker object
	byName  map[string][]*funcRef    // module methods by name (interface dispatch)
	vars    map[*types.Var]*varRef   // module package-level variables
	groups  map[string]groupVersion  // by package path (module and dependencies)
	hasMain bool
}

type varRef struct {
	pkg  *pkgInfo
	name string
	init ast.Expr
	file *fileInfo
}

func goEnviron(root string) []string {
	env := append(os.Environ(), "GOWORK=off")
	// Never modify the target's go.mod or go.sum: a missing requirement is an error, not an edit. A vendor
	// folder is used only when it holds packages (module zips keep vendor/modules.txt but drop the rest).
	if !hasVendoredPackages(root) {
		env = append(env, "GOFLAGS=-mod=readonly")
	}
	return env
}

// loadTyped loads and type-checks the module at root. ok is false (with the reason) when the packages could
// not be loaded at all; packages that merely fail to type-check are kept and named in notes.
func loadTyped(root string) (*project, string) {
	p := &project{root: root, module: readModulePath(root), fset: token.NewFileSet(), pkgs: map[string]*pkgInfo{}}
	absRoot, _ := filepath.Abs(root)
	scanned := &groupScan{byDir: map[string]groupVersion{}}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:   root,
		Env:   goEnviron(root),
		Fset:  p.fset,
		Tests: false,
		ParseFile: func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			inModule := strings.HasPrefix(filename, absRoot+string(filepath.Separator))
			mode := parser.SkipObjectResolution
			if inModule || declaresGroup(filename) {
				mode |= parser.ParseComments // +groupName= markers; a dependency's other comments are not needed
			}
			f, err := parser.ParseFile(fset, filename, src, mode)
			if f == nil {
				return nil, err
			}
			scanned.scan(filepath.Dir(filename), f)
			if !inModule {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						fd.Body = nil
					}
				}
			}
			return f, err
		},
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err.Error()
	}
	if missing := missingDependency(pkgs); missing != "" {
		return nil, missing
	}
	var mine []*packages.Package
	var failed []string
	for _, pkg := range pkgs {
		if pkg.Module == nil || !pkg.Module.Main {
			continue
		}
		if len(pkg.Syntax) == 0 || pkg.TypesInfo == nil {
			failed = append(failed, pkg.PkgPath+": "+firstError(pkg))
			continue
		}
		mine = append(mine, pkg)
	}
	if len(mine) == 0 {
		reason := "no Go packages could be loaded"
		if len(failed) > 0 {
			reason = failed[0]
		}
		return nil, reason
	}
	p.typed = &typedIndex{funcs: map[*types.Func]*funcRef{}, byName: map[string][]*funcRef{},
		vars: map[*types.Var]*varRef{}, groups: map[string]groupVersion{}}
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		if len(pkg.GoFiles) > 0 {
			if gv, ok := scanned.byDir[filepath.Dir(pkg.GoFiles[0])]; ok {
				if gv.group == "" && gv.groupExpr != nil && pkg.TypesInfo != nil {
					if tv, ok := pkg.TypesInfo.Types[gv.groupExpr]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
						gv.group = constant.StringVal(tv.Value)
					}
				}
				p.typed.groups[pkg.PkgPath] = gv
			}
		}
	})
	for _, pkg := range mine {
		if len(pkg.Errors) > 0 {
			p.notes = append(p.notes, Note{Location: p.relDir(pkg), Message: "package " + pkg.PkgPath +
				" has type errors (" + firstError(pkg) + "); unresolved expressions fall back to the syntactic pass"})
		}
		for i, f := range pkg.Syntax {
			if i < len(pkg.CompiledGoFiles) && !strings.HasSuffix(pkg.CompiledGoFiles[i], ".go") {
				continue
			}
			p.addFile(p.fset.Position(f.Pos()).Filename, f)
		}
		dir := p.relDir(pkg)
		if info := p.pkgs[dir]; info != nil {
			info.info, info.tpkg = pkg.TypesInfo, pkg.Types
			info.path = pkg.PkgPath
			if pkg.Name == "main" {
				p.typed.hasMain = true
			}
		}
	}
	for _, msg := range failed {
		p.notes = append(p.notes, Note{Location: "go.mod", Message: "package not type-checked, mapped syntactically only: " + msg})
	}
	for _, pkg := range p.pkgs {
		p.index(pkg)
		p.indexTyped(pkg)
	}
	return p, ""
}

func (p *project) relDir(pkg *packages.Package) string {
	if len(pkg.GoFiles) == 0 {
		return pkg.PkgPath
	}
	rel, err := filepath.Rel(p.root, filepath.Dir(pkg.GoFiles[0]))
	if err != nil {
		return pkg.PkgPath
	}
	return filepath.ToSlash(rel)
}

func firstError(pkg *packages.Package) string {
	if len(pkg.Errors) == 0 {
		return "no syntax"
	}
	msg := pkg.Errors[0].Msg
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	if len(pkg.Errors) > 1 {
		msg += fmt.Sprintf(" (+%d more)", len(pkg.Errors)-1)
	}
	return msg
}

// indexTyped links the type-checker's objects to their declarations in a module package.
func (p *project) indexTyped(pkg *pkgInfo) {
	if pkg.info == nil {
		return
	}
	for _, fi := range pkg.files {
		for _, decl := range fi.ast.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				fn, ok := pkg.info.Defs[d.Name].(*types.Func)
				if !ok {
					continue
				}
				ref := &funcRef{decl: d, file: fi}
				p.typed.funcs[fn] = ref
				if d.Recv != nil {
					p.typed.byName[d.Name.Name] = append(p.typed.byName[d.Name.Name], ref)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok || d.Tok != token.VAR {
						continue
					}
					for i, n := range vs.Names {
						if v, ok := pkg.info.Defs[n].(*types.Var); ok {
							var init ast.Expr
							if i < len(vs.Values) {
								init = vs.Values[i]
							} else if len(vs.Values) == 1 {
								init = vs.Values[0]
							}
							p.typed.vars[v] = &varRef{pkg: pkg, name: n.Name, init: init, file: fi}
						}
					}
				}
			}
		}
	}
	if pkg.hasGV && pkg.path != "" {
		p.typed.groups[pkg.path] = groupVersion{group: pkg.group, version: pkg.version}
	}
}

// groupScan records, per directory, the API group an API package declares, while files are parsed.
type groupScan struct {
	mu    sync.Mutex
	byDir map[string]groupVersion
}

func (g *groupScan) scan(dir string, f *ast.File) {
	gv, ok := groupOfFile(f)
	if !ok {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	prev := g.byDir[dir]
	if gv.group == "" {
		gv.group = prev.group
	}
	if gv.groupExpr == nil {
		gv.groupExpr = prev.groupExpr
	}
	if gv.version == "" {
		gv.version = prev.version
	}
	g.byDir[dir] = gv
}

func groupOfFile(f *ast.File) (groupVersion, bool) {
	var gv groupVersion
	found := false
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if i := strings.Index(c.Text, "+groupName="); i >= 0 {
				gv.group, found = strings.TrimSpace(c.Text[i+len("+groupName="):]), true
			}
		}
	}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, n := range vs.Names {
				if gd.Tok == token.CONST && n.Name == "GroupName" && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						gv.group, found = strings.Trim(lit.Value, "\"`"), true
					}
				}
			}
			for _, v := range vs.Values {
				if g, ver, expr, ok := groupVersionLit(v); ok {
					if g != "" {
						gv.group = g
					} else if gv.group == "" {
						gv.groupExpr = expr
					}
					gv.version, found = ver, true
				}
			}
		}
	}
	return gv, found
}

// groupVersionLit reads `schema.GroupVersion{Group: "g", Version: "v"}`; a Group that is not a literal is
// returned as an expression to evaluate with type information.
func groupVersionLit(x ast.Expr) (string, string, ast.Expr, bool) {
	cl, ok := x.(*ast.CompositeLit)
	if !ok {
		return "", "", nil, false
	}
	sel, ok := cl.Type.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "GroupVersion" {
		return "", "", nil, false
	}
	fields := map[string]string{}
	var groupExpr ast.Expr
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				fields[k.Name] = stringLit(kv.Value)
				if k.Name == "Group" {
					groupExpr = kv.Value
				}
			}
		}
	}
	return fields["Group"], fields["Version"], groupExpr, true
}

// kindOfType maps a Go type to a Kubernetes kind: a named struct embedding ObjectMeta (a kind) or ListMeta with
// Items (a list of one). Interfaces, references and plain structs are not kinds; unstructured and
// metadata-only objects need their GVK from the code (env.gvk), so they are not resolved here.
func (p *project) kindOfType(t types.Type) (ref KindRef, isList bool, ok bool) {
	named := namedOf(t)
	if named == nil || named.Obj().Pkg() == nil {
		return KindRef{}, false, false
	}
	st, isStruct := named.Underlying().(*types.Struct)
	if !isStruct {
		return KindRef{}, false, false
	}
	path, name := named.Obj().Pkg().Path(), named.Obj().Name()
	if hasEmbedded(st, "ListMeta") {
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); f.Name() == "Items" {
				if sl, ok := f.Type().Underlying().(*types.Slice); ok {
					k, _, ok := p.kindOfType(sl.Elem())
					return k, true, ok
				}
			}
		}
		return KindRef{}, false, false
	}
	if !hasEmbedded(st, "ObjectMeta") || isGeneric(path) {
		return KindRef{}, false, false
	}
	gv, known := p.typed.groups[path]
	if strings.HasPrefix(path, "k8s.io/api/") {
		parts := strings.Split(strings.TrimPrefix(path, "k8s.io/api/"), "/")
		if g, ok := builtinGroups[parts[0]]; ok {
			gv, known = groupVersion{group: g, version: parts[len(parts)-1]}, true
		}
	}
	if !known {
		k, list, ok := p.kindOf(typeRef{importPath: path, name: name})
		return k, list, ok
	}
	if gv.version == "" {
		gv.version = path2version(path)
	}
	k := mkKind(gv.group, gv.version, name, true)
	k.noStatus = !hasField(st, "Status")
	return k, false, true
}

func hasField(st *types.Struct, name string) bool {
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Name() == name {
			return true
		}
	}
	return false
}

// isGeneric: packages whose object types carry their kind at run time (unstructured, metadata-only).
func isGeneric(path string) bool {
	return strings.HasPrefix(path, "k8s.io/apimachinery/")
}

func namedOf(t types.Type) *types.Named {
	for {
		switch x := types.Unalias(t).(type) {
		case *types.Pointer:
			t = x.Elem()
		case *types.Named:
			return x
		default:
			return nil
		}
	}
}

func hasEmbedded(st *types.Struct, name string) bool {
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Embedded() && f.Name() == name {
			return true
		}
	}
	return false
}

// isInterface reports whether the static type of x is an interface (client.Object, runtime.Object, …).
func isInterface(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// calledFunc is the function or method a call invokes, when the type checker knows it.
func (pkg *pkgInfo) calledFunc(c *ast.CallExpr) *types.Func {
	if pkg.info == nil {
		return nil
	}
	fun := ast.Unparen(c.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
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
	fn, _ := pkg.info.Uses[id].(*types.Func)
	return fn
}

// resolveCall finds the module declarations a call can reach: a function or concrete method, or every module
// method implementing a called interface method (up to maxImpls; more is a plugin registry, noted instead).
func (p *project) resolveCall(fn *types.Func) []*funcRef {
	if p.typed == nil || fn == nil {
		return nil
	}
	fn = fn.Origin()
	if ref := p.typed.funcs[fn]; ref != nil {
		return []*funcRef{ref}
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var impls []*funcRef
	for _, ref := range p.typed.byName[fn.Name()] {
		m, _ := ref.file.pkg.info.Defs[ref.decl.Name].(*types.Func)
		if m == nil {
			continue
		}
		recv := m.Type().(*types.Signature).Recv().Type()
		if types.Implements(recv, iface) {
			impls = append(impls, ref)
		}
	}
	if len(impls) > maxImpls {
		return nil
	}
	return impls
}

// maxImpls bounds interface dispatch: beyond it the implementations are a plugin registry, not a helper.
const maxImpls = 64

func funcPkgPath(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	return fn.Pkg().Path()
}

func sortedFuncRefs(m map[*funcRef]bool) []*funcRef {
	out := make([]*funcRef, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].decl.Pos() < out[j].decl.Pos() })
	return out
}

// missingDependency names the first dependency that could not be loaded (not in the module cache and not
// fetchable, a go.sum entry missing, a private module): type-checking against it would be guesswork.
func missingDependency(pkgs []*packages.Package) string {
	var out string
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		if out != "" || (pkg.Module != nil && pkg.Module.Main) {
			return
		}
		for _, e := range pkg.Errors {
			if e.Kind == packages.ListError {
				out = pkg.PkgPath + ": " + e.Msg
				if len(out) > 300 {
					out = out[:300] + "…"
				}
				return
			}
		}
	})
	return out
}

func hasVendoredPackages(root string) bool {
	entries, err := os.ReadDir(filepath.Join(root, "vendor"))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.IsDir() {
			return true
		}
	}
	return false
}

// declaresGroup: the files of an API package that carry its group marker by convention.
func declaresGroup(filename string) bool {
	base := filepath.Base(filename)
	return base == "doc.go" || base == "register.go" || base == "groupversion_info.go" ||
		strings.HasPrefix(base, "zz_generated.register")
}
