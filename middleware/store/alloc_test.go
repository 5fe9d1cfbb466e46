//go:build !race

package store

import (
	"context"
	"testing"
	"time"
)

// SignCheck's promise: the usual sign is found without an allocation.
func TestSignCheckAllocatesNothing(t *testing.T) {
	check := SignCheck("id", "7")
	body := []byte(`{"name":"Ann","id":7,"tags":["a","b"],"ok":true}`)
	if n := testing.AllocsPerRun(100, func() {
		if !check(nil, body) {
			t.Fatal("refused")
		}
	}); n != 0 {
		t.Fatalf("%v allocations per check", n)
	}
}

// MarshalBinary allocates its encoding only: a usual header's keys are
// sorted on the stack.
func TestMarshalBinaryAllocatesOnce(t *testing.T) {
	e := Entry{StatusCode: 200, URL: "http://a.test/", Body: []byte(`{"id":7}`),
		Header: map[string][]string{"Content-Type": {"application/json"}, "Date": {"x"}, "Etag": {`"1"`}}}
	if n := testing.AllocsPerRun(100, func() { e.MarshalBinary() }); n != 1 {
		t.Fatalf("%v allocations per encoding", n)
	}
}

// Rewriting the same response allocates nothing: the item is restamped.
func TestRewriteAllocatesNothing(t *testing.T) {
	m := NewMemory()
	e := Entry{StatusCode: 200, URL: "http://a.test/", Body: []byte(`{"id":7}`),
		Header: map[string][]string{"Content-Type": {"application/json"}}}
	m.Set(context.Background(), "k", e)
	if n := testing.AllocsPerRun(100, func() { m.Set(context.Background(), "k", e) }); n != 0 {
		t.Fatalf("%v allocations per rewrite", n)
	}
}

// An entry is decoded for View once: later views allocate nothing.
func TestViewDecodesOnce(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	m.Set(ctx, "k", Entry{StatusCode: 200, Body: []byte("b"), Header: map[string][]string{"A": {"1"}}})
	m.View(ctx, "k")
	if n := testing.AllocsPerRun(100, func() { m.View(ctx, "k") }); n != 0 {
		t.Fatalf("%v allocations per view", n)
	}
}

// A rewrite keeps the item's decoded view: a view after it allocates
// nothing either, and sees the new StoredAt.
func TestViewAfterRewriteDecodesNothing(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	e := Entry{StatusCode: 200, Body: []byte("b"), Header: map[string][]string{"A": {"1"}}, StoredAt: time.Unix(1700000000, 0)}
	m.Set(ctx, "k", e)
	m.View(ctx, "k")
	n := 0
	if allocs := testing.AllocsPerRun(100, func() {
		n++
		e.StoredAt = time.Unix(1700000000, int64(n))
		m.Set(ctx, "k", e)
		if v, _, _ := m.View(ctx, "k"); !v.StoredAt.Equal(e.StoredAt) {
			t.Fatalf("View's StoredAt %v, want %v", v.StoredAt, e.StoredAt)
		}
	}); allocs != 0 {
		t.Fatalf("%v allocations per rewrite and view", allocs)
	}
}
