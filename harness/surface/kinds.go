package main

import (
	"go/ast"
	"strings"
)

// Groups of the well-known Kubernetes API packages (k8s.io/api/<dir>/<version>).
var builtinGroups = map[string]string{
	"core": "core", "apps": "apps", "batch": "batch", "autoscaling": "autoscaling", "policy": "policy",
	"networking": "networking.k8s.io", "rbac": "rbac.authorization.k8s.io", "storage": "storage.k8s.io",
	"coordination": "coordination.k8s.io", "discovery": "discovery.k8s.io", "scheduling": "scheduling.k8s.io",
	"certificates": "certificates.k8s.io", "admissionregistration": "admissionregistration.k8s.io",
	"events": "events.k8s.io", "node": "node.k8s.io", "flowcontrol": "flowcontrol.apiserver.k8s.io",
	"resource": "resource.k8s.io",
}

// typeRef names a Go type: a package inside the module (pkg) or an import path (importPath).
type typeRef struct {
	pkg        *pkgInfo
	importPath string
	name       string
}

func (t typeRef) String() string {
	if t.pkg != nil {
		return t.pkg.dir + "." + t.name
	}
	return t.importPath + "." + t.name
}

// resolveTypeExpr turns `*pkg.T`, `T`, `[]T` (element) into a typeRef.
func (p *project) resolveTypeExpr(e ast.Expr, f *fileInfo) (typeRef, bool) {
	switch t := e.(type) {
	case *ast.StarExpr:
		return p.resolveTypeExpr(t.X, f)
	case *ast.ParenExpr:
		return p.resolveTypeExpr(t.X, f)
	case *ast.Ident:
		return typeRef{pkg: f.pkg, name: t.Name}, true
	case *ast.SelectorExpr:
		x, ok := t.X.(*ast.Ident)
		if !ok {
			return typeRef{}, false
		}
		ip, ok := f.imports[x.Name]
		if !ok {
			return typeRef{}, false
		}
		if pkg := p.pkgForImport(ip); pkg != nil {
			return typeRef{pkg: pkg, name: t.Sel.Name}, true
		}
		return typeRef{importPath: ip, name: t.Sel.Name}, true
	}
	return typeRef{}, false
}

// kindOf maps a Go type to its canonical kind. isList reports a `<Kind>List` type.
func (p *project) kindOf(t typeRef) (ref KindRef, isList bool, ok bool) {
	name := t.name
	if t.pkg != nil {
		if !t.pkg.hasGV {
			return KindRef{}, false, false
		}
		if _, declared := t.pkg.types[name]; !declared {
			return KindRef{}, false, false
		}
		kind, list := trimList(name, func(n string) bool { _, ok := t.pkg.types[n]; return ok })
		return mkKind(t.pkg.group, t.pkg.version, kind, true), list, true
	}
	ip := t.importPath
	if strings.HasPrefix(ip, "k8s.io/api/") {
		parts := strings.Split(strings.TrimPrefix(ip, "k8s.io/api/"), "/")
		if len(parts) < 2 {
			return KindRef{}, false, false
		}
		group, known := builtinGroups[parts[0]]
		if !known {
			group = parts[0] + ".k8s.io"
		}
		kind, list := trimList(name, nil)
		return mkKind(group, parts[1], kind, known), list, true
	}
	if strings.HasPrefix(ip, "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/") {
		kind, list := trimList(name, nil)
		return mkKind("apiextensions.k8s.io", path2version(ip), kind, true), list, true
	}
	if strings.HasPrefix(ip, "k8s.io/apimachinery/") || strings.HasPrefix(ip, "sigs.k8s.io/controller-runtime") ||
		strings.HasPrefix(ip, "k8s.io/client-go") {
		return KindRef{}, false, false
	}
	// An external API package (another operator's types): guess the group from the path; flagged unresolved.
	parts := strings.Split(ip, "/")
	if len(parts) >= 2 && isVersion(parts[len(parts)-1]) {
		kind, list := trimList(name, nil)
		if len(name) == 0 || name[0] < 'A' || name[0] > 'Z' {
			return KindRef{}, false, false
		}
		return mkKind(parts[len(parts)-2], parts[len(parts)-1], kind, false), list, true
	}
	return KindRef{}, false, false
}

func mkKind(group, version, kind string, resolved bool) KindRef {
	if group == "" {
		group = "core"
	}
	gvk := ""
	if version != "" {
		gvk = group + "/" + version + "/" + kind
	}
	return KindRef{Kind: group + "/" + kind, GVK: gvk, Resolved: resolved}
}

func trimList(name string, declared func(string) bool) (string, bool) {
	if strings.HasSuffix(name, "List") && len(name) > 4 {
		base := strings.TrimSuffix(name, "List")
		if declared == nil || declared(base) {
			return base, true
		}
	}
	return name, false
}

func isVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' || s[1] < '0' || s[1] > '9' {
		return false
	}
	rest := strings.TrimLeft(s[1:], "0123456789")
	return rest == "" || strings.HasPrefix(rest, "alpha") || strings.HasPrefix(rest, "beta")
}

func path2version(ip string) string {
	parts := strings.Split(ip, "/")
	return parts[len(parts)-1]
}

// kindInPackage is kind K of the API package at import path ip (module or dependency).
func (p *project) kindInPackage(ip, kind string) (KindRef, bool) {
	if pkg := p.pkgForImport(ip); pkg != nil && pkg.hasGV {
		return mkKind(pkg.group, pkg.version, kind, true), true
	}
	if p.typed != nil {
		if gv, ok := p.typed.groups[ip]; ok && !strings.HasPrefix(ip, "k8s.io/api/") {
			if gv.version == "" {
				gv.version = path2version(ip)
			}
			return mkKind(gv.group, gv.version, kind, true), true
		}
	}
	k, _, ok := p.kindOf(typeRef{importPath: ip, name: kind})
	return k, ok
}
