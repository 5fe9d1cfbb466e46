//go:build !race

package store

import (
	"context"
	"testing"
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

// Rewriting the same response allocates the new encoding only.
func TestRewriteAllocatesOnce(t *testing.T) {
	m := NewMemory()
	e := Entry{StatusCode: 200, URL: "http://a.test/", Body: []byte(`{"id":7}`),
		Header: map[string][]string{"Content-Type": {"application/json"}}}
	m.Set(context.Background(), "k", e)
	if n := testing.AllocsPerRun(100, func() { m.Set(context.Background(), "k", e) }); n != 1 {
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
