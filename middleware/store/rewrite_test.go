package store_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

func fullEntry(at time.Time) store.Entry {
	return store.Entry{StatusCode: 200, URL: "http://a.test/x?y=1", StoredAt: at,
		Header: http.Header{"Content-Type": {"application/json"}, "X-A": {"1", "2"}},
		Body:   []byte(`{"id":7}`)}
}

func encoded(t *testing.T, e store.Entry) []byte {
	t.Helper()
	b, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustRead returns key's entry as Get and View see it, both encoded, and
// checks that ViewBody sees Get's body.
func mustRead(t *testing.T, m *store.Memory, key string) (got, viewed []byte) {
	t.Helper()
	e, ok, err := m.Get(ctx, key)
	if !ok || err != nil {
		t.Fatalf("Get(%q) = %v, %v", key, ok, err)
	}
	v, ok, err := m.View(ctx, key)
	if !ok || err != nil {
		t.Fatalf("View(%q) = %v, %v", key, ok, err)
	}
	body, ok, err := m.ViewBody(ctx, key)
	if !ok || err != nil || !bytes.Equal(body, e.Body) {
		t.Fatalf("ViewBody(%q) = %q, %v, %v; Get's body %q", key, body, ok, err, e.Body)
	}
	return encoded(t, e), encoded(t, v)
}

// Writing the same response again stores the new StoredAt, as a full write
// would, and leaves the counts alone.
func TestRewriteSameResponse(t *testing.T) {
	m := store.NewMemory()
	t1 := time.Unix(1700000000, 1)
	m.Set(ctx, "k", fullEntry(t1))
	m.View(ctx, "k") // a decoded view exists: it must not outlive the rewrite
	t2 := t1.Add(time.Second)
	second := fullEntry(t2)
	m.Set(ctx, "k", second)
	second.Body[0] = 'X' // the caller's bytes: not the store's
	want := encoded(t, fullEntry(t2))
	if got, viewed := mustRead(t, m, "k"); !bytes.Equal(got, want) || !bytes.Equal(viewed, want) {
		t.Fatalf("after a rewrite:\nGet  %q\nView %q\nwant %q", got, viewed, want)
	}
	if n, b := m.Len(); n != 1 || b != int64(len(want)) {
		t.Fatalf("Len = %d entries, %d bytes; want 1, %d", n, b, len(want))
	}
	// A snapshot holds the new StoredAt too.
	var snap bytes.Buffer
	if err := m.Save(&snap); err != nil {
		t.Fatal(err)
	}
	loaded := store.NewMemory()
	if err := loaded.Load(&snap); err != nil {
		t.Fatal(err)
	}
	if got, _ := mustRead(t, loaded, "k"); !bytes.Equal(got, want) {
		t.Fatalf("after a rewrite, save and load:\nGet  %q\nwant %q", got, want)
	}
}

// Any difference but StoredAt is a full write of the new entry.
func TestRewriteDifferentResponse(t *testing.T) {
	at := time.Unix(1700000000, 0)
	cases := map[string]func(e *store.Entry){
		"status":       func(e *store.Entry) { e.StatusCode = 201 },
		"url":          func(e *store.Entry) { e.URL = "http://b.test/x?y=1" },
		"body":         func(e *store.Entry) { e.Body = []byte(`{"id":8}`) },
		"body length":  func(e *store.Entry) { e.Body = []byte(`{"id":7} `) },
		"value":        func(e *store.Entry) { e.Header["X-A"] = []string{"1", "3"} },
		"value count":  func(e *store.Entry) { e.Header["X-A"] = []string{"1"} },
		"extra key":    func(e *store.Entry) { e.Header["X-B"] = []string{"1"} },
		"missing key":  func(e *store.Entry) { delete(e.Header, "X-A") },
		"other key":    func(e *store.Entry) { delete(e.Header, "X-A"); e.Header["X-B"] = []string{"1", "2"} },
		"empty header": func(e *store.Entry) { e.Header = nil },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			m := store.NewMemory()
			m.Set(ctx, "k", fullEntry(at))
			e := fullEntry(at.Add(time.Second))
			change(&e)
			m.Set(ctx, "k", e)
			want := encoded(t, e)
			if got, viewed := mustRead(t, m, "k"); !bytes.Equal(got, want) || !bytes.Equal(viewed, want) {
				t.Fatalf("Get  %q\nView %q\nwant %q", got, viewed, want)
			}
			if n, b := m.Len(); n != 1 || b != int64(len(want)) {
				t.Fatalf("Len = %d entries, %d bytes; want 1, %d", n, b, len(want))
			}
		})
	}
}

// A rewrite makes the entry the most recently used, as a write does.
func TestRewriteRenewsRecency(t *testing.T) {
	m := store.NewMemory(store.WithMaxEntries(2))
	at := time.Unix(1700000000, 0)
	m.Set(ctx, "a", fullEntry(at))
	m.Set(ctx, "b", fullEntry(at))
	m.Set(ctx, "a", fullEntry(at.Add(time.Second))) // a rewrite: a is now more recent than b
	m.Set(ctx, "c", fullEntry(at))
	if _, ok, _ := m.Get(ctx, "b"); ok {
		t.Fatal("b, the least recently used, should be evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok, _ := m.Get(ctx, k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
}

// A rewrite renews the entry's time to live, as a write does.
func TestRewriteRenewsTTL(t *testing.T) {
	const ttl = 400 * time.Millisecond
	m := store.NewMemory(store.WithTTL(ttl))
	start := time.Now()
	m.Set(ctx, "k", fullEntry(start))
	time.Sleep(ttl * 3 / 5)
	renewed := time.Now()
	m.Set(ctx, "k", fullEntry(renewed))
	time.Sleep(ttl * 3 / 5)
	_, ok, _ := m.Get(ctx, "k")
	if elapsed := time.Since(renewed); !ok && elapsed < ttl {
		t.Fatalf("entry gone %v after its rewrite (TTL %v)", elapsed, ttl)
	}
	time.Sleep(ttl)
	if _, ok, _ := m.Get(ctx, "k"); ok {
		t.Fatal("entry kept past its renewed TTL")
	}
}

// Rewrites, full writes and reads of one key race without a data race
// (go test -race) and leave one entry, accounted at its size.
func TestRewriteConcurrent(t *testing.T) {
	m := store.NewMemory(store.WithTTL(time.Minute))
	at := time.Unix(1700000000, 0)
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 200; i++ {
				e := fullEntry(at.Add(time.Duration(i) * time.Millisecond))
				if (g+i)%3 == 0 {
					e.Body = []byte(`{"id":8}`) // a different response: the full path
				}
				m.Set(ctx, "k", e)
				m.Get(ctx, "k")
				m.View(ctx, "k")
				m.ViewBody(ctx, "k")
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	e, ok, err := m.Get(ctx, "k")
	if !ok || err != nil {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	if n, b := m.Len(); n != 1 || b != int64(len(encoded(t, e))) {
		t.Fatalf("Len = %d entries, %d bytes; want 1, %d", n, b, len(encoded(t, e)))
	}
}
