package store_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// getOnly hides Memory's View: a Store that only has Get.
type getOnly struct{ store.Store }

// Read says whether the entry is shared: Memory's is, a Get's is not.
func TestRead(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	_ = m.Set(ctx, "k", store.Entry{StatusCode: 200, Body: []byte("b")})
	for _, c := range []struct {
		st     store.Store
		shared bool
	}{{m, true}, {getOnly{m}, false}} {
		e, ok, shared, err := store.Read(ctx, c.st, "k")
		if err != nil || !ok || shared != c.shared || string(e.Body) != "b" {
			t.Errorf("%T: %q ok=%v shared=%v err=%v", c.st, e.Body, ok, shared, err)
		}
	}
}

// A store hit hands the caller its own header and body: changing them never
// changes what the next hit gets, whichever way the store is read.
func TestHitIsTheCallersOwn(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"2"}`))
	for _, st := range []store.Store{store.NewMemory(), getOnly{store.NewMemory()}} {
		rt := store.New(nil, st)
		s := settings(store.Key("GET", srv.URL, nil, ""), store.SignCheck("v", "2"))
		if _, _, _, err := send(t, rt, srv.URL, s); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			call := middleware.NewCall(s)
			req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", srv.URL, nil)
			resp, err := rt.RoundTrip(req)
			if err != nil || !call.FromStore() {
				t.Fatalf("%T hit %d: %v, from store %v", st, i, err, call.FromStore())
			}
			body, _ := middleware.BufferBody(resp, 1<<20)
			if string(body) != `{"v":"2"}` || resp.Header.Get("X-Changed") != "" {
				t.Fatalf("%T hit %d sees a change made by the one before: %q %v", st, i, body, resp.Header)
			}
			body[0] = 'X'
			resp.Header.Set("X-Changed", "yes")
		}
	}
}

// Taro's default check given as Settings fields, which the layer runs on
// the stored body itself, answers and refuses as SignCheck does; a
// fallback answers whatever the sign.
func TestLayerSignFromSettings(t *testing.T) {
	for _, st := range []store.Store{store.NewMemory(), getOnly{store.NewMemory()}} {
		layerSignFromSettings(t, st)
	}
}

func layerSignFromSettings(t *testing.T, st store.Store) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"2","n":1}`))
	rt := store.New(nil, st)
	key := store.Key("GET", srv.URL, nil, "")
	sign := func(s string) middleware.Settings {
		return middleware.Settings{UseStore: true, StoreKey: key, StoreCheckKey: "v", StoreSign: s}
	}
	steps := []struct {
		sign      string
		fromStore bool
		count     int
	}{{"2", false, 1}, {"2", true, 1}, {"3", false, 2}, {"", false, 3}}
	for i, step := range steps {
		body, _, call, err := send(t, rt, srv.URL, sign(step.sign))
		if err != nil || body != `{"v":"2","n":1}` || call.FromStore() != step.fromStore || srv.Count() != step.count {
			t.Fatalf("%T step %d (sign %q): %q %v fromStore=%v count=%d", st, i, step.sign, body, err, call.FromStore(), srv.Count())
		}
	}
	call := middleware.NewCall(sign("never"))
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", srv.URL, nil)
	if resp, ok := store.Fallback(st)(req, nil); !ok || resp.StatusCode != 200 || !call.FromStore() {
		t.Fatalf("the fallback refused stored data for its sign: ok=%v", ok)
	}
}

// ViewBody gives the body View gives, before and after the entry was
// viewed, without a decode.
func TestViewBody(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	for key, e := range map[string]store.Entry{
		"a":     {StatusCode: 200, Header: http.Header{"X": {"1", "2"}}, Body: []byte(`{"id":7}`), URL: "http://h/"},
		"empty": {StatusCode: 204},
	} {
		_ = m.Set(ctx, key, e)
		for round := 0; round < 2; round++ {
			body, ok, err := m.ViewBody(ctx, key)
			viewed, _, _ := m.View(ctx, key)
			if err != nil || !ok || string(body) != string(e.Body) || string(viewed.Body) != string(body) {
				t.Fatalf("%s round %d: %q %v %v, View %q", key, round, body, ok, err, viewed.Body)
			}
		}
	}
	if _, ok, err := m.ViewBody(ctx, "missing"); ok || err != nil {
		t.Fatalf("missing: %v %v", ok, err)
	}
}

// replacedAfterViewBody is a Memory whose entry is replaced between the
// layer's ViewBody and its Read, as another request's write can do.
type replacedAfterViewBody struct {
	*store.Memory
	key  string
	next store.Entry
}

func (r replacedAfterViewBody) ViewBody(ctx context.Context, key string) ([]byte, bool, error) {
	body, ok, err := r.Memory.ViewBody(ctx, key)
	_ = r.Memory.Set(ctx, r.key, r.next)
	return body, ok, err
}

// The sign is checked on the entry that is served: an entry replaced after
// its sign was found is checked again, and one without the sign is not
// served.
func TestLayerSignOnTheEntryServed(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"fresh"}`))
	key := store.Key("GET", srv.URL, nil, "")
	m := store.NewMemory()
	_ = m.Set(context.Background(), key, store.Entry{StatusCode: 200, Body: []byte(`{"v":"2","n":1}`)})
	st := replacedAfterViewBody{m, key, store.Entry{StatusCode: 200, Body: []byte(`{"v":"3","n":2}`)}}
	rt := store.New(nil, st)
	s := middleware.Settings{UseStore: true, StoreKey: key, StoreCheckKey: "v", StoreSign: "2"}
	body, _, call, err := send(t, rt, srv.URL, s)
	if err != nil || call.FromStore() || body != `{"v":"fresh"}` || srv.Count() != 1 {
		t.Fatalf("served %q (fromStore=%v, %d requests, err %v); the entry served has v 3, not the sign 2", body, call.FromStore(), srv.Count(), err)
	}
}

// ViewBody's slice ends at the body: appending to it cannot write into the
// store's memory.
func TestViewBodyHasNoSpareCapacity(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	_ = m.Set(ctx, "k", store.Entry{StatusCode: 200, Header: http.Header{"A": {"1"}}, Body: []byte("body"), URL: "http://h/"})
	body, _, _ := m.ViewBody(ctx, "k")
	if cap(body) != len(body) {
		t.Fatalf("ViewBody: len %d, cap %d", len(body), cap(body))
	}
}

// ViewBody reads an entry restored from a snapshot as one Set wrote.
func TestViewBodyAfterLoad(t *testing.T) {
	ctx := context.Background()
	m := store.NewMemory()
	_ = m.Set(ctx, "k", store.Entry{StatusCode: 200, Header: http.Header{"A": {"1"}}, Body: []byte(`{"id":7}`), URL: "http://h/"})
	file := filepath.Join(t.TempDir(), "snap")
	if err := m.SaveFile(file); err != nil {
		t.Fatal(err)
	}
	loaded := store.NewMemory()
	if err := loaded.LoadFile(file); err != nil {
		t.Fatal(err)
	}
	body, ok, err := loaded.ViewBody(ctx, "k")
	if !ok || err != nil || string(body) != `{"id":7}` || cap(body) != len(body) {
		t.Fatalf("ViewBody after Load: %q (cap %d) %v %v", body, cap(body), ok, err)
	}
}

// A plain http.Client's request cancelled while the store reads the answer
// to keep it: the caller's read fails with context.Canceled, as without
// the layer, not with the connection's later "use of closed network
// connection".
func TestStoreCancelledReadIsContextCanceled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, strings.Repeat(" ", 100))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: store.New(tr, store.NewMemory())}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(30*time.Millisecond, cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := hc.Do(req)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

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
