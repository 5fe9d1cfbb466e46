package store

import (
	"context"
	"net/http"
	"testing"
	"time"
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
		body, match, found, err := m.viewSign("k", "id", sign, nil)
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
	if n := testing.AllocsPerRun(100, func() { m.viewSign("k", "id", "v2", nil) }); n != 0 {
		t.Fatalf("a kept answer costs %v allocations", n)
	}
	check("v1", true) // another sign: checked anew
	set(`{"id":"v2"}`)
	check("v2", true) // another body: its own answer
	check("v1", false)
	if _, _, found, _ := m.viewSign("other", "id", "v1", nil); found {
		t.Fatal("found an entry never written")
	}
}

// An unmade Memory says so, as its ViewBody does.
func TestViewSignUnmade(t *testing.T) {
	var m Memory
	if _, _, _, err := m.viewSign("k", "id", "v", nil); err != errUnmade {
		t.Fatalf("err %v, want errUnmade", err)
	}
}

// A write told where the read found key's item rewrites that item while
// the shard holds it, and otherwise writes as Set does: the last write is
// what key holds, whatever the hint says.
func TestSetSeenWritesWhatSetWrites(t *testing.T) {
	ctx := context.Background()
	entry := func(body string) Entry {
		return Entry{StatusCode: 200, Header: http.Header{"A": {"1"}}, Body: []byte(body), StoredAt: time.Unix(1700000000, 0)}
	}
	held := func(m *Memory, key string) *memItem {
		s := m.shard(key)
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.items[key]
	}
	body := func(m *Memory, key string) string {
		t.Helper()
		e, ok, err := m.Get(ctx, key)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v err %v", key, ok, err)
		}
		return string(e.Body)
	}
	m, other := NewMemory(), NewMemory()
	for _, st := range []*Memory{m, other} {
		if err := st.Set(ctx, "k", entry(`{"id":1}`)); err != nil {
			t.Fatal(err)
		}
	}
	var seen memSeen
	if _, _, found, _ := m.viewSign("k", "id", "x", &seen); !found || seen.it != held(m, "k") {
		t.Fatal("viewSign did not say which item it found")
	}
	// The same response: rewritten in place, the item kept.
	if err := m.setSeen("k", entry(`{"id":1}`), seen, 0); err != nil || held(m, "k") != seen.it {
		t.Fatalf("not rewritten in place: err %v", err)
	}
	// Replaced since the read: the hint no longer speaks for key.
	if err := m.Set(ctx, "k", entry(`{"id":2}`)); err != nil {
		t.Fatal(err)
	}
	if err := m.setSeen("k", entry(`{"id":1}`), seen, 0); err != nil || body(m, "k") != `{"id":1}` {
		t.Fatalf("a stale hint lost the write: err %v, body %s", err, body(m, "k"))
	}
	// A hint of another Memory, or of another key, is not taken.
	if err := other.setSeen("k", entry(`{"id":3}`), seen, 0); err != nil || body(other, "k") != `{"id":3}` || body(m, "k") != `{"id":1}` {
		t.Fatalf("another Memory's hint: err %v", err)
	}
	if err := m.setSeen("j", entry(`{"id":4}`), seen, 0); err != nil || body(m, "j") != `{"id":4}` || body(m, "k") != `{"id":1}` {
		t.Fatalf("another key's hint: err %v", err)
	}
	var unmade Memory
	if err := unmade.setSeen("k", entry("x"), memSeen{}, 0); err != errUnmade {
		t.Fatalf("unmade: %v", err)
	}
}
