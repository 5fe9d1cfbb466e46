package store

import (
	"context"
	"net/http"
	"testing"
)

// A sign check is answered from the entry once made, for the same key and
// sign; another sign, or another body under the key, is checked anew.
func TestViewSignKeepsTheAnswerWithTheEntry(t *testing.T) {
	m := NewMemory()
	ctx := context.Background()
	set := func(body string) {
		t.Helper()
		e := Entry{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body)}
		if err := m.Set(ctx, "k", e); err != nil {
			t.Fatal(err)
		}
	}
	check := func(sign string, want bool) *signMemo {
		t.Helper()
		body, match, found, err := m.viewSign("k", "id", sign)
		if err != nil || !found || match != want || signMatches(body, "id", sign) != want {
			t.Fatalf("sign %q: match %v found %v err %v, want match %v", sign, match, found, err, want)
		}
		s := m.shard("k")
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.items["k"].sign
	}
	set(`{"id":"v1"}`)
	first := check("v2", false)
	if again := check("v2", false); again != first {
		t.Fatal("the same check was made again: the answer was not kept")
	}
	if n := testing.AllocsPerRun(100, func() { m.viewSign("k", "id", "v2") }); n != 0 {
		t.Fatalf("a kept answer costs %v allocations", n)
	}
	check("v1", true) // another sign: checked anew
	set(`{"id":"v2"}`)
	check("v2", true) // another body: its own answer
	check("v1", false)
	if _, _, found, _ := m.viewSign("other", "id", "v1"); found {
		t.Fatal("found an entry never written")
	}
}

// An unmade Memory says so, as its ViewBody does.
func TestViewSignUnmade(t *testing.T) {
	var m Memory
	if _, _, _, err := m.viewSign("k", "id", "v"); err != errUnmade {
		t.Fatalf("err %v, want errUnmade", err)
	}
}
