package store_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/store"
)

// send makes a GET to url through rt with a Call of settings s and returns
// the body, the status and the Call.
func send(t *testing.T, rt http.RoundTripper, url string, s middleware.Settings) (string, int, *middleware.Call, error) {
	t.Helper()
	call := middleware.NewCall(s)
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", url, nil)
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		return "", 0, call, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), resp.StatusCode, call, nil
}

func settings(key string, check func(*http.Response, []byte) bool) middleware.Settings {
	return middleware.Settings{UseStore: true, StoreKey: key, StoreCheck: check}
}

func TestLayerHitMissAndSign(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"2","n":1}`))
	st := store.NewMemory()
	rt := store.New(nil, st)
	key := store.Key("GET", srv.URL, nil, "")

	// Miss: the network answers and the response is stored.
	body, _, call, err := send(t, rt, srv.URL, settings(key, store.SignCheck("v", "2")))
	if err != nil || body != `{"v":"2","n":1}` || call.FromStore() || srv.Count() != 1 {
		t.Fatalf("miss: %q %v fromStore=%v count=%d", body, err, call.FromStore(), srv.Count())
	}
	// Hit: sign matches, no network.
	body, _, call, err = send(t, rt, srv.URL, settings(key, store.SignCheck("v", "2")))
	if err != nil || body != `{"v":"2","n":1}` || !call.FromStore() || srv.Count() != 1 {
		t.Fatalf("hit: %q %v fromStore=%v count=%d", body, err, call.FromStore(), srv.Count())
	}
	if ev := call.Events(); len(ev) != 1 || ev[0].Name != middleware.EventStoreHit {
		t.Fatalf("events %+v", ev)
	}
	// Sign mismatch: the network again.
	_, _, call, _ = send(t, rt, srv.URL, settings(key, store.SignCheck("v", "3")))
	if call.FromStore() || srv.Count() != 2 {
		t.Fatalf("sign mismatch: fromStore=%v count=%d", call.FromStore(), srv.Count())
	}
	// No check (StoreCheckKey/StoreSign unset): the network.
	_, _, call, _ = send(t, rt, srv.URL, settings(key, nil))
	if call.FromStore() || srv.Count() != 3 {
		t.Fatalf("no check: fromStore=%v count=%d", call.FromStore(), srv.Count())
	}
	// UseStore off: neither read nor written.
	_, _, _, _ = send(t, rt, srv.URL+"/other", middleware.Settings{StoreKey: "other"})
	if _, ok, _ := st.Get(ctx, "other"); ok {
		t.Fatal("written without UseStore")
	}
}

func TestLayerCustomCheckAndDataCheck(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"ok":true}`))
	st := store.NewMemory()
	rt := store.New(nil, st)
	key := "k"
	always := func(*http.Response, []byte) bool { return true }
	send(t, rt, srv.URL, settings(key, nil)) // fills the store
	if _, _, call, _ := send(t, rt, srv.URL, settings(key, always)); !call.FromStore() || srv.Count() != 1 {
		t.Fatalf("custom StoreCheck true: fromStore=%v count=%d", call.FromStore(), srv.Count())
	}
	s := settings(key, always)
	var checked atomic.Int32
	s.DataCheck = func(_ *http.Response, body []byte) (bool, any) {
		checked.Add(1)
		return false, nil
	}
	if _, _, call, _ := send(t, rt, srv.URL, s); call.FromStore() || srv.Count() != 2 {
		t.Fatalf("DataCheck rejecting stored data must go to the network: fromStore=%v count=%d", call.FromStore(), srv.Count())
	}
	if checked.Load() == 0 {
		t.Fatal("DataCheck not applied to stored data")
	}
}

func TestLayerStoresOnly2xx(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(404, "nope"))
	st := store.NewMemory()
	send(t, store.New(nil, st), srv.URL, settings("k", nil))
	if _, ok, _ := st.Get(ctx, "k"); ok {
		t.Fatal("404 stored")
	}
}

func TestLayerBodyOverBoundIsNotStoredNorLost(t *testing.T) {
	big := strings.Repeat("x", 5000)
	srv := faultserver.New(t, faultserver.OK(big))
	st := store.NewMemory()
	s := settings("k", nil)
	s.MaxBodyBytes = 1000
	body, _, _, err := send(t, store.New(nil, st), srv.URL, s)
	if err != nil || body != big {
		t.Fatalf("body of %d bytes, err %v; want %d bytes", len(body), err, len(big))
	}
	if _, ok, _ := st.Get(ctx, "k"); ok {
		t.Fatal("body over the bound stored")
	}
}

// failing is a Store whose every call fails, like a remote backend down.
type failing struct{ calls atomic.Int32 }

var errDown = errors.New("backend down")

func (f *failing) Get(context.Context, string) (store.Entry, bool, error) {
	f.calls.Add(1)
	return store.Entry{}, false, errDown
}
func (f *failing) Set(context.Context, string, store.Entry) error { f.calls.Add(1); return errDown }
func (f *failing) Delete(context.Context, string) error           { return errDown }

func TestLayerStoreFailureNeverFailsRequest(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK("fine"))
	f := &failing{}
	var reported atomic.Int32
	rt := store.New(nil, f, store.WithErrorHandler(func(err error) {
		if errors.Is(err, errDown) {
			reported.Add(1)
		}
	}))
	body, _, _, err := send(t, rt, srv.URL, settings("k", func(*http.Response, []byte) bool { return true }))
	if err != nil || body != "fine" {
		t.Fatalf("%q, %v", body, err)
	}
	if f.calls.Load() != 2 || reported.Load() != 2 {
		t.Fatalf("store calls %d, reported %d; want 2, 2", f.calls.Load(), reported.Load())
	}
}

func TestStaleFallbackAfterEveryURLFails(t *testing.T) {
	healthy := true
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if !healthy {
			w.WriteHeader(503)
			return
		}
		io.WriteString(w, `{"v":"1"}`)
	})
	dead := faultserver.New(t, faultserver.Status(500, ""))
	st := store.NewMemory()
	rt := middleware.Chain(nil, store.Middleware(st), backup.Middleware(backup.WithFallback(store.Fallback(st))))
	key := store.Key("GET", srv.URL, nil, "")
	s := settings(key, store.SignCheck("v", "2")) // stored data will be stale
	s.Backup = []string{dead.URL}
	send(t, rt, srv.URL, s)
	healthy = false

	body, status, call, err := send(t, rt, srv.URL, s)
	if err != nil || status != 200 || body != `{"v":"1"}` || !call.FromStore() {
		t.Fatalf("fallback: %q %d %v fromStore=%v", body, status, err, call.FromStore())
	}
	if srv.Count() != 2 || dead.Count() != 1 {
		t.Fatalf("primary %d, backup %d requests; want 2, 1 (both tried first)", srv.Count(), dead.Count())
	}
	ev := call.Events()
	if last := ev[len(ev)-1]; last.Name != middleware.EventStoreFallback || last.Err == nil {
		t.Fatalf("events %+v", ev)
	}

	// DataCheck rejecting the stale data: the error stands.
	s.DataCheck = func(*http.Response, []byte) (bool, any) { return false, nil }
	if _, _, call, err = send(t, rt, srv.URL, s); err == nil || call.FromStore() {
		t.Fatalf("rejected stale data answered: err %v", err)
	}
	if !errors.Is(err, backup.ErrExhausted) {
		t.Fatalf("err %v, want backup.ErrExhausted", err)
	}
}

// Inside a plain http.Client, with no Settings, GETs use the store with the
// check given to the layer.
func TestLayerInPlainClient(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK("plain"))
	st := store.NewMemory()
	hc := &http.Client{Transport: store.New(nil, st, store.WithCheck(func(*http.Response, []byte) bool { return true }))}
	for i := 0; i < 3; i++ {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "plain" {
			t.Fatalf("body %q", b)
		}
	}
	if srv.Count() != 1 {
		t.Fatalf("server saw %d requests, want 1", srv.Count())
	}
}

// A request whose Host header names another host than its URL (a reverse
// proxy's, to a backend serving virtual hosts) is filed under both: one
// host's stored page never answers another's.
func TestLayerInPlainClientKeepsVirtualHostsApart(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "page of "+r.Host)
	}))
	defer backend.Close()
	hc := &http.Client{Transport: store.New(backend.Client().Transport, store.NewMemory(),
		store.WithCheck(func(*http.Response, []byte) bool { return true }))}
	for _, host := range []string{"alice.example", "bob.example", "alice.example"} {
		req, _ := http.NewRequest("GET", backend.URL+"/account", nil)
		req.Host = host
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := "page of " + host; string(b) != want {
			t.Fatalf("Host %s: %q, want %q", host, b, want)
		}
	}
}

func always(*http.Response, []byte) bool { return true }

// The layer's cost when the request does not use the store, and a store hit
// of a small JSON response answered with no transport at all.
func BenchmarkStoreLayer(b *testing.B) {
	st := store.NewMemory()
	st.Set(context.Background(), store.Key("GET", "http://stub.test/", nil, ""), store.Entry{
		StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: []byte(`{"id":1,"name":"taroreq","tags":["a","b"]}`), URL: "http://stub.test/",
	})
	layertest.Bench(b,
		layertest.Case{Name: "with_store_hit", RT: store.New(layertest.Stub, st, store.WithCheck(always))},
	)
	b.Run("with_store_off", func(b *testing.B) {
		rt := store.New(layertest.Stub, st)
		call := middleware.NewCall(middleware.Settings{})
		req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", "http://stub.test/", nil)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			resp, err := rt.RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
		}
	})
}
