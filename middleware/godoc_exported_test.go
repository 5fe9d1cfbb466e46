package middleware_test

import (
	"go/ast"
	"go/doc"
	"go/token"
	"strings"
	"testing"
)

// House style: every exported identifier of a public package has a doc
// comment: a function, a method of an exported type, a constant, a
// variable, a type, a struct field and an interface method (a comment of
// its own, or its group's, or one at the end of its line). Session 32
// found a score without one (Response.StatusCode, Store.Get, Exchange's
// fields…); this keeps the next from slipping in.
func TestEveryExportedIdentifierHasADocComment(t *testing.T) {
	for _, dir := range publicPackages {
		fset, d := packageDoc(t, dir)
		missing := func(what string, pos token.Pos) {
			t.Errorf("%s: %s has no doc comment (%s)", dir, what, fset.Position(pos))
		}
		values := func(vs []*doc.Value) {
			for _, v := range vs {
				if strings.TrimSpace(v.Doc) != "" {
					continue
				}
				for _, s := range v.Decl.Specs {
					spec := s.(*ast.ValueSpec)
					for _, n := range spec.Names {
						if n.IsExported() && spec.Doc == nil && spec.Comment == nil {
							missing(n.Name, n.Pos())
						}
					}
				}
			}
		}
		funcs := func(fs []*doc.Func, recv string) {
			for _, f := range fs {
				if strings.TrimSpace(f.Doc) == "" {
					missing(recv+f.Name, f.Decl.Pos())
				}
			}
		}
		values(d.Consts)
		values(d.Vars)
		funcs(d.Funcs, "")
		for _, typ := range d.Types {
			if strings.TrimSpace(typ.Doc) == "" {
				missing(typ.Name, typ.Decl.Pos())
			}
			switch tt := typ.Decl.Specs[0].(*ast.TypeSpec).Type.(type) {
			case *ast.StructType:
				for _, f := range tt.Fields.List {
					for _, n := range f.Names {
						if n.IsExported() && f.Doc == nil && f.Comment == nil {
							missing(typ.Name+"."+n.Name, n.Pos())
						}
					}
				}
			case *ast.InterfaceType:
				for _, m := range tt.Methods.List {
					for _, n := range m.Names {
						if n.IsExported() && m.Doc == nil && m.Comment == nil {
							missing(typ.Name+"."+n.Name, n.Pos())
						}
					}
				}
			}
			values(typ.Consts)
			values(typ.Vars)
			funcs(typ.Funcs, "")
			funcs(typ.Methods, typ.Name+".")
		}
	}
}
