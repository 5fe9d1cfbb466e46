package store_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// View returns what Get returns, decoded once and shared; a Set replaces
// what later views see, and a Get copy written by its reader changes
// nothing.
func TestMemoryView(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	if _, ok, err := m.View(ctx, "k"); ok || err != nil {
		t.Fatalf("empty store: ok %v, %v", ok, err)
	}
	m.Set(ctx, "k", store.Entry{StatusCode: 200, Header: http.Header{"A": {"1"}}, Body: []byte("one")})
	v1, ok, err := m.View(ctx, "k")
	if !ok || err != nil || string(v1.Body) != "one" || v1.Header.Get("A") != "1" {
		t.Fatalf("view: %+v %v %v", v1, ok, err)
	}
	g, _, _ := m.Get(ctx, "k")
	g.Body[0] = 'X'
	g.Header.Set("A", "changed")
	v2, _, _ := m.View(ctx, "k")
	if &v2.Body[0] != &v1.Body[0] || string(v2.Body) != "one" || v2.Header.Get("A") != "1" {
		t.Fatalf("second view: %q %q, not the first one's bytes", v2.Body, v2.Header.Get("A"))
	}
	m.Set(ctx, "k", store.Entry{StatusCode: 200, Body: []byte("two")})
	if v3, _, _ := m.View(ctx, "k"); string(v3.Body) != "two" {
		t.Fatalf("after Set: %q", v3.Body)
	}
	if string(v1.Body) != "one" {
		t.Fatalf("an earlier view changed: %q", v1.Body)
	}
}
