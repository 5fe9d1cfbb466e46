package store

import (
	"github.com/taroreq/taroreq/middleware"
	"net/http"
	"testing"
	"time"
)

// A damaged encoding is never the same as an entry, and never panics.
func TestSameButStoredAtDamaged(t *testing.T) {
	e := Entry{StatusCode: 200, URL: "http://a.test/", StoredAt: time.Unix(1, 0),
		Header: http.Header{"A": {"1"}}, Body: []byte("body")}
	data, _ := e.MarshalBinary()
	if _, same := sameButStoredAt(data, e, false); !same {
		t.Fatal("an entry is not the same as its own encoding")
	}
	for n := 0; n < len(data); n++ {
		if _, same := sameButStoredAt(data[:n], e, false); same {
			t.Fatalf("the first %d of %d bytes are the same as the entry", n, len(data))
		}
	}
	if _, same := sameButStoredAt(append(data, 0), e, false); same {
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
		if _, same := sameButStoredAt(data, e, false); !same {
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

// A write of an unchanged answer restamps the item in place when the
// header's print says it is the stored one, and writes anew when it says
// another; an item of unknown print (Set's) is compared whole, and takes
// the print.
func TestRewriteTellsTheHeaderByItsPrint(t *testing.T) {
	ctx := t.Context()
	item := func(m *Memory, key string) *memItem {
		s := m.shard(key)
		s.lock()
		defer s.mu.Unlock()
		return s.items[key]
	}
	answer := func(date string, at int64) Entry {
		return Entry{StatusCode: 200, URL: "http://a.test/", StoredAt: time.Unix(1800000000, at),
			Header: http.Header{"Content-Type": {"application/json"}, "Date": {date}}, Body: []byte(`{"id":1}`)}
	}
	print := func(e Entry) uint64 { return middleware.FieldsOf(e.Header, nil).Print }
	m := NewMemory()
	first := answer("d1", 1)
	if err := m.setSeen("k", first, memSeen{}, print(first)); err != nil {
		t.Fatal(err)
	}
	it := item(m, "k")
	if it.headerPrint != print(first) {
		t.Fatalf("the item keeps print %x, want %x", it.headerPrint, print(first))
	}
	again := answer("d1", 2)
	again.Header = again.Header.Clone()
	if m.setSeen("k", again, memSeen{}, print(again)); item(m, "k") != it || !it.restamped {
		t.Fatal("the same answer is not restamped in place")
	}
	other := answer("d2", 3) // the body the same, the header not
	if m.setSeen("k", other, memSeen{}, print(other)); item(m, "k") == it {
		t.Fatal("another header restamped the item of the first")
	}
	if e, _, _ := m.Get(ctx, "k"); e.Header.Get("Date") != "d2" {
		t.Fatalf("stored Date %q, want d2", e.Header.Get("Date"))
	}
	// A print that says another header is taken at its word.
	it = item(m, "k")
	if m.setSeen("k", answer("d2", 4), memSeen{}, print(other)^2); item(m, "k") == it {
		t.Fatal("a print of another header restamped the item")
	}
	// Set's item has no print: compared whole, then it has one.
	if err := m.Set(ctx, "j", answer("d3", 5)); err != nil {
		t.Fatal(err)
	}
	it = item(m, "j")
	if it.headerPrint != 0 {
		t.Fatal("Set's item has a print")
	}
	if m.setSeen("j", answer("d3", 6), memSeen{}, print(answer("d3", 6))); item(m, "j") != it || it.headerPrint != print(answer("d3", 0)) {
		t.Fatal("an item without print is not compared whole, or keeps none")
	}
	// Unknown print (0) over an item with one: compared whole.
	if m.setSeen("j", answer("d3", 7), memSeen{}, 0); item(m, "j") != it {
		t.Fatal("the same answer of unknown print is not restamped")
	}
	if m.setSeen("j", answer("d4", 8), memSeen{}, 0); item(m, "j") == it {
		t.Fatal("another header of unknown print restamped the item")
	}
}
