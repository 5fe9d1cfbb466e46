package middleware_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// publicPackages are the directories of the packages a user imports, from
// the module root.
var publicPackages = []string{
	"client", "encoders", "transports", "middleware",
	"middleware/backup", "middleware/breaker", "middleware/datacheck",
	"middleware/httpcache", "middleware/log", "middleware/retry",
	"middleware/store", "middleware/timeout", "middleware/tracing",
	"plugins/otel", "plugins/oteltaroreq", "plugins/redisstore",
}

// sharingWords are the phrases by which a type's doc says whether its
// values may be used from several goroutines.
var sharingWords = []string{"concurren", "goroutine", "safe to share", "plain value", "safe for", "safe to read"}

// Every exported type of a public package says in its doc whether it is
// safe for concurrent use, so a user need not read its code to share it.
// An alias (client.Mode = string, oteltaroreq.Option = tracing.Option) is
// the type it names, whose doc says it.
func TestEveryExportedTypeSaysWhetherItIsSafeToShare(t *testing.T) {
	for _, dir := range publicPackages {
		_, d := packageDoc(t, dir)
		for _, typ := range d.Types {
			if isAlias(typ) {
				continue
			}
			if !saysSharing(typ.Doc) {
				t.Errorf("%s.%s: its doc does not say whether it is safe for concurrent use", dir, typ.Name)
			}
		}
	}
}

func isAlias(typ *doc.Type) bool {
	spec, ok := typ.Decl.Specs[0].(*ast.TypeSpec)
	return ok && spec.Assign.IsValid()
}

func saysSharing(text string) bool {
	text = strings.Join(strings.Fields(strings.ToLower(text)), " ")
	for _, w := range sharingWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// packageDoc parses the non-test files of the public package in dir (a
// path from the module's root) with their comments.
func packageDoc(t *testing.T, dir string) (*token.FileSet, *doc.Package) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(filepath.Join("..", dir))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join("..", dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	d, err := doc.NewFromFiles(fset, files, "example.com/"+dir)
	if err != nil {
		t.Fatal(err)
	}
	return fset, d
}
