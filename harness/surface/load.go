package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type fileInfo struct {
	rel     string
	ast     *ast.File
	imports map[string]string // local name → import path
	pkg     *pkgInfo
}

type pkgInfo struct {
	dir     string // relative to the module root, "." for the root
	name    string
	files   []*fileInfo
	group   string
	version string
	hasGV   bool
	types   map[string]*ast.TypeSpec
	methods map[string]map[string]*funcRef // type → method → decl
	funcs   map[string]*funcRef
	vars    map[string]string // package-level var → location
	varInit map[string]string // package-level var → its type or initialiser, as text
	consts  map[string]string // package-level string constants
	// Set by the typed pass (nil when the package was only parsed).
	info *types.Info
	tpkg *types.Package
	path string
}

type funcRef struct {
	decl *ast.FuncDecl
	file *fileInfo
}

type project struct {
	root   string
	module string
	fset   *token.FileSet
	pkgs   map[string]*pkgInfo // by dir
	notes  []Note
	typed  *typedIndex // nil on the syntactic pass
}

func readModulePath(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "module ") {
			return strings.Trim(strings.TrimSpace(strings.TrimPrefix(line, "module ")), `"`)
		}
	}
	return ""
}

func skipDir(name string) bool {
	return name == "vendor" || name == "testdata" || name == "node_modules" ||
		(strings.HasPrefix(name, ".") && name != ".") || strings.HasPrefix(name, "_")
}

// load type-checks the module (typed.go); when its packages cannot be loaded (offline, private modules, a
// go.mod needing another toolchain) it falls back to parsing alone, with a note naming what was missing.
func load(root string) (*project, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if os.Getenv("CTRLHUNT_SURFACE_SYNTAX_ONLY") == "" {
		p, reason := loadTyped(root)
		if p != nil {
			return p, nil
		}
		p, err := loadSyntax(root)
		if p != nil {
			p.notes = append(p.notes, Note{Location: "go.mod", Message: "type information unavailable (" + reason +
				"); mapped with the syntactic pass: kinds of multi-value results, constructors and interfaces may be missed"})
		}
		return p, err
	}
	return loadSyntax(root)
}

func loadSyntax(root string) (*project, error) {
	p := &project{root: root, module: readModulePath(root), fset: token.NewFileSet(), pkgs: map[string]*pkgInfo{}}
	err := filepath.WalkDir(root, func(file string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if file != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(file, ".go") || strings.HasSuffix(file, "_test.go") {
			return nil
		}
		f, perr := parser.ParseFile(p.fset, file, nil, parser.ParseComments)
		if perr != nil {
			rel, _ := filepath.Rel(root, file)
			p.notes = append(p.notes, Note{Location: filepath.ToSlash(rel), Message: "parse error: " + perr.Error()})
			return nil
		}
		p.addFile(file, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, pkg := range p.pkgs {
		p.index(pkg)
	}
	return p, nil
}

func (p *project) addFile(file string, f *ast.File) {
	rel, _ := filepath.Rel(p.root, file)
	rel = filepath.ToSlash(rel)
	dir := path.Dir(rel)
	pkg := p.pkgs[dir]
	if pkg == nil {
		pkg = &pkgInfo{dir: dir, name: f.Name.Name, types: map[string]*ast.TypeSpec{},
			methods: map[string]map[string]*funcRef{}, funcs: map[string]*funcRef{}, vars: map[string]string{},
			varInit: map[string]string{}, consts: map[string]string{}}
		p.pkgs[dir] = pkg
	}
	fi := &fileInfo{rel: rel, ast: f, imports: map[string]string{}, pkg: pkg}
	for _, imp := range f.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		name := defaultImportName(ip)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		fi.imports[name] = ip
	}
	pkg.files = append(pkg.files, fi)
	if f.Doc != nil {
		for _, c := range f.Doc.List {
			if i := strings.Index(c.Text, "+groupName="); i >= 0 {
				pkg.group = strings.TrimSpace(c.Text[i+len("+groupName="):])
				pkg.hasGV = true
			}
		}
	}
}

// defaultImportName is the package name Go assumes for an import path: its last element, skipping a
// trailing major-version element (example.com/x/v2 → x).
func defaultImportName(ip string) string {
	parts := strings.Split(ip, "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' && isDigits(last[1:]) && !strings.HasPrefix(ip, "k8s.io/api/") {
		return parts[len(parts)-2]
	}
	return last
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (p *project) index(pkg *pkgInfo) {
	for _, fi := range pkg.files {
		for _, decl := range fi.ast.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						pkg.types[s.Name.Name] = s
					case *ast.ValueSpec:
						for i, n := range s.Names {
							if n.Name == "_" {
								continue
							}
							if d.Tok == token.VAR {
								pkg.vars[n.Name] = p.pos(n.Pos())
								pkg.varInit[n.Name] = initText(s, i)
							}
							if d.Tok == token.CONST && i < len(s.Values) {
								if v := stringLit(s.Values[i]); v != "" {
									pkg.consts[n.Name] = v
								}
							}
						}
						p.scanGroupVersion(pkg, s)
					}
				}
			case *ast.FuncDecl:
				ref := &funcRef{decl: d, file: fi}
				if d.Recv == nil || len(d.Recv.List) == 0 {
					pkg.funcs[d.Name.Name] = ref
					continue
				}
				tn := recvTypeName(d.Recv.List[0].Type)
				if pkg.methods[tn] == nil {
					pkg.methods[tn] = map[string]*funcRef{}
				}
				pkg.methods[tn][d.Name.Name] = ref
			}
		}
	}
}

// scanGroupVersion finds `schema.GroupVersion{Group: "g", Version: "v"}` (kubebuilder's groupversion_info.go).
func (p *project) scanGroupVersion(pkg *pkgInfo, s *ast.ValueSpec) {
	for _, v := range s.Values {
		ast.Inspect(v, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if sel, ok := cl.Type.(*ast.SelectorExpr); ok && (sel.Sel.Name == "GroupVersion") {
				for _, el := range cl.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					lit, _ := kv.Value.(*ast.BasicLit)
					if key == nil || lit == nil {
						continue
					}
					val, _ := strconv.Unquote(lit.Value)
					if key.Name == "Group" {
						pkg.group, pkg.hasGV = val, true
					}
					if key.Name == "Version" {
						pkg.version = val
					}
				}
			}
			return true
		})
	}
}

// initText is a var's declared type, else its initialiser, as source text (for telling loggers from state).
func initText(s *ast.ValueSpec, i int) string {
	if s.Type != nil {
		return types.ExprString(s.Type)
	}
	if i < len(s.Values) {
		text := types.ExprString(s.Values[i])
		if len(text) > 120 {
			text = text[:120]
		}
		return text
	}
	return ""
}

func recvTypeName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvTypeName(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return recvTypeName(t.X)
	}
	return ""
}

func (p *project) pos(pos token.Pos) string {
	position := p.fset.Position(pos)
	rel, err := filepath.Rel(p.root, position.Filename)
	if err != nil {
		rel = position.Filename
	}
	return filepath.ToSlash(rel) + ":" + strconv.Itoa(position.Line)
}

func (p *project) note(pos token.Pos, msg string) {
	p.notes = append(p.notes, Note{Location: p.pos(pos), Message: msg})
}

// pkgForImport maps an import path inside this module to its package.
func (p *project) pkgForImport(ip string) *pkgInfo {
	if p.module == "" {
		return nil
	}
	if ip == p.module {
		return p.pkgs["."]
	}
	if strings.HasPrefix(ip, p.module+"/") {
		return p.pkgs[strings.TrimPrefix(ip, p.module+"/")]
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
