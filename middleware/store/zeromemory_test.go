package store_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestZeroMemoryFailsEveryOperation holds the type's doc: a zero or nil
// Memory is not usable and every operation fails, LoadFile of a file that
// does not exist too (it said nil, as a fresh start would).
func TestZeroMemoryFailsEveryOperation(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.snap")
	for name, m := range map[string]*store.Memory{"zero": new(store.Memory), "nil": nil} {
		ctx := context.Background()
		checks := map[string]error{
			"LoadFile missing": m.LoadFile(missing),
			"Load":             m.Load(bytes.NewReader(nil)),
			"Set":              m.Set(ctx, "k", store.Entry{StatusCode: 200}),
		}
		_, _, err := m.Get(ctx, "k")
		checks["Get"] = err
		for op, err := range checks {
			if err == nil || !strings.Contains(err.Error(), "NewMemory") {
				t.Errorf("%s Memory, %s: %v; want the unusable-store error", name, op, err)
			}
		}
	}
}
