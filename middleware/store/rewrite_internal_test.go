package store

import (
	"net/http"
	"testing"
	"time"
)

// A damaged encoding is never the same as an entry, and never panics.
func TestSameButStoredAtDamaged(t *testing.T) {
	e := Entry{StatusCode: 200, URL: "http://a.test/", StoredAt: time.Unix(1, 0),
		Header: http.Header{"A": {"1"}}, Body: []byte("body")}
	data, _ := e.MarshalBinary()
	if _, same := sameButStoredAt(data, e); !same {
		t.Fatal("an entry is not the same as its own encoding")
	}
	for n := 0; n < len(data); n++ {
		if _, same := sameButStoredAt(data[:n], e); same {
			t.Fatalf("the first %d of %d bytes are the same as the entry", n, len(data))
		}
	}
	if _, same := sameButStoredAt(append(data, 0), e); same {
		t.Fatal("trailing bytes are the same as the entry")
	}
}

func BenchmarkSameButStoredAt(b *testing.B) {
	e := Entry{StatusCode: 200, URL: "http://127.0.0.1:40000/small?page=2&q=taro&verbose=true",
		Header: http.Header{"Content-Type": {"application/json"}, "Date": {"Fri, 27 Nov 2026 01:32:37 GMT"},
			"Content-Length": {"31"}},
		Body: []byte(`{"id":7,"name":"Ann","ok":true}`), StoredAt: time.Unix(1800000000, 5)}
	data, _ := e.MarshalBinary()
	e.StoredAt = e.StoredAt.Add(time.Second)
	for b.Loop() {
		if _, same := sameButStoredAt(data, e); !same {
			b.Fatal("not the same")
		}
	}
}

// rewrite and View tell an item still stored from one dropped or replaced
// by held, not by looking its key up again: held is true exactly while
// the item is its shard's for its key, whatever removed it.
func TestHeldWhileTheShardHoldsTheItem(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(WithMaxEntries(64))
	e := Entry{StatusCode: 200, URL: "http://a.test/", Header: http.Header{"A": {"1"}}, Body: []byte("body")}
	item := func(key string) *memItem {
		s := m.shard(key)
		s.lock()
		defer s.mu.Unlock()
		return s.items[key]
	}
	held := func(it *memItem) bool {
		s := m.shard(it.key)
		s.lock()
		defer s.mu.Unlock()
		if h := it.held(); h != (s.items[it.key] == it) {
			t.Fatalf("%s: held %v, but the shard's item for its key is another", it.key, h)
		}
		return it.held()
	}
	m.Set(ctx, "k", e)
	first := item("k")
	if first == nil || !held(first) {
		t.Fatal("a stored item is not held")
	}
	e.Body = []byte("other body") // no rewrite: a new item
	m.Set(ctx, "k", e)
	if second := item("k"); second == first || held(first) || !held(second) {
		t.Fatal("an item replaced is still held")
	}
	m.Delete(ctx, "k")
	if it := item("k"); it != nil {
		t.Fatal("deleted, still there")
	}
	m.Set(ctx, "evicted", e)
	evicted := item("evicted")
	for i := range 4096 { // past the bound: the least recently used goes
		m.Set(ctx, "k"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676)), e)
	}
	if held(evicted) {
		t.Fatal("an evicted item is still held")
	}
}
