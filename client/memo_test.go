package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/slots"
	"github.com/taroreq/taroreq/middleware/store"
)

type flatDoc struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type refDoc struct {
	ID   int            `json:"id"`
	Tags []string       `json:"tags"`
	Meta map[string]int `json:"meta"`
}

// A store hit's typed value comes from the memo only when it shares no
// memory: changing one caller's Value never shows in another's, and a value
// with slices or maps is decoded afresh every time.
func TestStoreHitMemoNeverShares(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/ref" {
			_, _ = w.Write([]byte(`{"id":1,"tags":["a","b"],"meta":{"k":1}}`))
			return
		}
		_, _ = w.Write([]byte(`{"id":7,"name":"Ann"}`))
	}))
	defer srv.Close()
	c := New()
	always := func(*Response) bool { return true }
	ctx := context.Background()
	flat := Option{URL: srv.URL + "/flat", UseStore: true, StoreCheck: always}
	first, err := Do[flatDoc](ctx, c, flat)
	if err != nil {
		t.Fatal(err)
	}
	first.Value.Name = "changed"
	for range 3 {
		again, err := Do[flatDoc](ctx, c, flat)
		if err != nil || !again.FromStore || again.Value != (flatDoc{7, "Ann"}) || again.Data != (flatDoc{7, "Ann"}) {
			t.Fatalf("hit: %+v (from store %v, data %v), err %v", again.Value, again.FromStore, again.Data, err)
		}
	}
	ref := Option{URL: srv.URL + "/ref", UseStore: true, StoreCheck: always}
	a, err := Do[refDoc](ctx, c, ref)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Do[refDoc](ctx, c, ref)
	if err != nil || !b.FromStore {
		t.Fatalf("second: %v, from store %v", err, b.FromStore)
	}
	a.Value.Tags[0], a.Value.Meta["k"] = "x", 9
	if b.Value.Tags[0] != "a" || b.Value.Meta["k"] != 1 {
		t.Fatalf("two callers share memory: %+v", b.Value)
	}
	if n := hits.Load(); n != 2 {
		t.Fatalf("the server was asked %d times, want 2", n)
	}
}

// The memo hands out a value only for the same key, type, status and bytes.
func TestDecodeMemoMatchesBytes(t *testing.T) {
	m := newDecodeMemo()
	typ := reflect.TypeFor[flatDoc]()
	m.put("k", typ, []byte(`{"id":1}`), 200, flatDoc{ID: 1})
	if _, ok := m.get("k", typ, []byte(`{"id":2}`), 200); ok {
		t.Fatal("other bytes matched")
	}
	if _, ok := m.get("k", typ, []byte(`{"id":1}`), 203); ok {
		t.Fatal("another status matched")
	}
	if _, ok := m.get("k", reflect.TypeFor[refDoc](), []byte(`{"id":1}`), 200); ok {
		t.Fatal("another type matched")
	}
	if v, ok := m.get("k", typ, []byte(`{"id":1}`), 200); !ok || v != (flatDoc{ID: 1}) {
		t.Fatalf("get = %v %v", v, ok)
	}
	m.put("r", reflect.TypeFor[refDoc](), []byte(`x`), 200, refDoc{Tags: []string{"a"}})
	if _, ok := m.get("r", reflect.TypeFor[refDoc](), []byte(`x`), 200); ok {
		t.Fatal("a value holding a slice was kept")
	}
	m.put("n", reflect.TypeFor[refDoc](), []byte(`y`), 200, refDoc{ID: 3})
	if v, ok := m.get("n", reflect.TypeFor[refDoc](), []byte(`y`), 200); !ok || v.(refDoc).ID != 3 {
		t.Fatal("a value whose references are all nil was not kept")
	}
}

// An interceptor that calls the network twice in a typed call keeps two
// Responses: the second does not overwrite the first.
func TestTypedCallTwoProceedsTwoResponses(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-N", string(rune('0'+n.Add(1))))
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	defer srv.Close()
	c := New()
	var first *Response
	c.AddInterceptor(func(ctx context.Context, opt Option, proceed Proceed) (*Response, error) {
		var err error
		if first, err = proceed(ctx, opt); err != nil {
			return first, err
		}
		return proceed(ctx, opt)
	})
	res, err := Do[flatDoc](context.Background(), c, Option{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first == res.Response || first.Header.Get("X-N") != "1" || res.Header.Get("X-N") != "2" {
		t.Fatalf("first %q, final %q (same: %v)", first.Header.Get("X-N"), res.Header.Get("X-N"), first == res.Response)
	}
}

// The key memo gives store.Key's key for every request, remembered or not,
// with the URL's redacted text once remembered, and keeps an entry only
// for a request seen twice.
func TestKeyMemo(t *testing.T) {
	m := newKeyMemo()
	cases := []struct{ method, url, part string }{
		{"GET", "http://h/a", ""}, {"GET", "http://h/a", "p1"}, {"HEAD", "http://h/a", ""}, {"GET", "http://h/b", ""},
		{"GET", "http://u:pw@h/c?access_token=t&p=1", ""},
	}
	for round := 0; round < 3; round++ {
		for _, c := range cases {
			u, _ := url.Parse(c.url)
			got, redacted := m.key(c.method, u, c.url, c.part)
			if want := store.Key(c.method, c.url, nil, c.part); got != want {
				t.Fatalf("round %d %v: %q, want %q", round, c, got, want)
			}
			if want := credential.URLText(u, c.url); redacted != "" && redacted != want {
				t.Fatalf("round %d %v: redacted %q, want %q", round, c, redacted, want)
			}
		}
	}
	// Alone in its memo (others may share its slot), a URL seen again
	// comes with its redacted text.
	alone := newKeyMemo()
	secret := "http://u:pw@h/c?access_token=t&p=1"
	u, _ := url.Parse(secret)
	for i := 0; i < 3; i++ {
		if _, redacted := alone.key("GET", u, secret, ""); i > 0 && redacted != "http://h/c?access_token=REDACTED&p=1" {
			t.Fatalf("sighting %d: redacted %q", i+1, redacted)
		}
	}
	once := newKeyMemo()
	once.key("GET", &url.URL{Scheme: "http", Host: "h", Path: "/once"}, "http://h/once", "")
	for i := range uint64(slots.Count) {
		if once.Slot(i).Load() != nil {
			t.Fatal("a request seen once was remembered")
		}
	}
}

// The memo holds bounded bodies only: a larger one is decoded each time.
func TestDecodeMemoBound(t *testing.T) {
	m := newDecodeMemo()
	typ := reflect.TypeFor[flatDoc]()
	big := make([]byte, memoMaxBody+1)
	m.put("big", typ, big, 200, flatDoc{ID: 1})
	if _, ok := m.get("big", typ, big, 200); ok {
		t.Fatal("a body over memoMaxBody was kept")
	}
	small := make([]byte, memoMaxBody)
	m.put("small", typ, small, 200, flatDoc{ID: 1})
	if _, ok := m.get("small", typ, small, 200); !ok {
		t.Fatal("a body at memoMaxBody was not kept")
	}
}
