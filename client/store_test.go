package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/store"
)

// versioned answers {"v":<version>,"n":<request count>}; down makes it 503.
type versioned struct {
	version atomic.Value
	down    atomic.Bool
}

func (v *versioned) handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if v.down.Load() {
			w.WriteHeader(503)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"`+v.version.Load().(string)+`"}`)
	}
}

func TestStoreHitMissAndSign(t *testing.T) {
	v := &versioned{}
	v.version.Store("1")
	srv := newRecorder(t, v.handler())
	c := fastClient()
	opt := client.Option{URL: srv.URL, Data: map[string]any{"q": "a b"}, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	ctx := context.Background()

	r, err := c.Request(ctx, opt) // miss: network, then stored
	if err != nil || r.FromStore || r.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("miss: %+v %v", r, err)
	}
	r, err = c.Request(ctx, opt) // hit: no I/O
	if err != nil || !r.FromStore || r.Attempts != 0 || r.ErrMsg != "request:ok" || r.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("hit: %+v %v", r, err)
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1 (the hit must not touch the network)", n)
	}
	other := opt
	other.Data = map[string]any{"q": "other"} // other query data: other key
	if r, _ = c.Request(ctx, other); r.FromStore {
		t.Fatal("different query data answered from the store")
	}
	v.version.Store("2")
	stale := opt
	stale.StoreSign = "2" // sign mismatch: network, then the new data is stored
	if r, _ = c.Request(ctx, stale); r.FromStore || r.Data.(map[string]any)["v"] != "2" {
		t.Fatalf("sign mismatch: %+v", r)
	}
	if r, _ = c.Request(ctx, stale); !r.FromStore {
		t.Fatal("new data not stored")
	}
	noSign := opt
	noSign.StoreCheckKey, noSign.StoreSign = "", ""
	if r, _ = c.Request(ctx, noSign); r.FromStore {
		t.Fatal("without StoreCheckKey and StoreSign the default check must fail")
	}
	if n := srv.count.Load(); n != 4 {
		t.Fatalf("server saw %d requests, want 4", n)
	}
}

func TestStoreCustomCheckAndDataCheck(t *testing.T) {
	v := &versioned{}
	v.version.Store("1")
	srv := newRecorder(t, v.handler())
	c := fastClient()
	var seenStored *client.Response
	opt := client.Option{URL: srv.URL, UseStore: true, StoreCheck: func(stored *client.Response) bool {
		seenStored = stored
		return true
	}}
	ctx := context.Background()
	c.Request(ctx, opt)
	r, err := c.Request(ctx, opt)
	if err != nil || !r.FromStore || seenStored == nil || seenStored.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("custom StoreCheck: %+v %v (stored seen: %+v)", r, err, seenStored)
	}
	opt.DataCheck = func(r *client.Response) bool { return r.Data.(map[string]any)["v"] == "2" }
	v.version.Store("2")
	r, err = c.Request(ctx, opt) // DataCheck rejects the stored v=1: network
	if err != nil || r.FromStore || r.Data.(map[string]any)["v"] != "2" {
		t.Fatalf("DataCheck on stored data: %+v %v", r, err)
	}
	if n := srv.count.Load(); n != 2 {
		t.Fatalf("server saw %d requests, want 2", n)
	}
}

func TestStoreStaleFallbackWhenEveryURLFails(t *testing.T) {
	v := &versioned{}
	v.version.Store("1")
	srv := newRecorder(t, v.handler())
	bk := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) })
	c := fastClient()
	opt := client.Option{URL: srv.URL, Backup: []string{bk.URL}, UseStore: true, StoreCheckKey: "v", StoreSign: "9",
		RetryTimes: client.NoRetry}
	ctx := context.Background()
	c.Request(ctx, opt)
	v.down.Store(true)
	r, err := c.Request(ctx, opt)
	if err != nil || !r.FromStore || r.Data.(map[string]any)["v"] != "1" || r.ErrMsg != "request:ok" {
		t.Fatalf("stale fallback: %+v %v", r, err)
	}
	if srv.count.Load() != 2 || bk.count.Load() != 1 {
		t.Fatalf("primary %d, backup %d; want 2, 1", srv.count.Load(), bk.count.Load())
	}
	opt.DataCheck = func(*client.Response) bool { return false }
	r, err = c.Request(ctx, opt)
	if err == nil || r.FromStore {
		t.Fatalf("DataCheck rejecting stale data still answered: %+v", r)
	}
	if !errors.Is(err, backup.ErrExhausted) {
		t.Fatalf("err %v", err)
	}
}

func TestStorePOSTBodyInKey(t *testing.T) {
	var count atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		b, _ := io.ReadAll(r.Body)
		w.Write(b)
	}))
	defer srv.Close()
	c := fastClient()
	always := func(*client.Response) bool { return true }
	ctx := context.Background()
	for _, body := range []string{`{"a":1}`, `{"a":2}`, `{"a":1}`} {
		r, err := c.Request(ctx, client.Option{URL: srv.URL, Method: "POST", Data: body, UseStore: true, StoreCheck: always, DataType: "text"})
		if err != nil || r.Data != body {
			t.Fatalf("POST %s answered %v (%v)", body, r.Data, err)
		}
	}
	if n := count.Load(); n != 2 {
		t.Fatalf("server saw %d POSTs, want 2 (the third is a store hit)", n)
	}
}

func TestStoreSnapshotSurvivesRestart(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{"v":"1"}`))
	path := filepath.Join(t.TempDir(), "store.snap")
	opt := client.Option{URL: srv.URL, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	ctx := context.Background()

	m := store.NewMemory()
	fastClient(client.WithStore(m)).Request(ctx, opt)
	if err := m.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	restarted := store.NewMemory()
	if err := restarted.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	r, err := fastClient(client.WithStore(restarted)).Request(ctx, opt)
	if err != nil || !r.FromStore || srv.count.Load() != 1 {
		t.Fatalf("after restart: %+v %v, server saw %d", r, err, srv.count.Load())
	}
}

// README (The store): the key is the method, the original URL with its
// query data, a SHA-256 of the body and the credential partition. An answer
// a backup gave is stored under the URL the caller asked for; other query
// data is another key.
func TestReadmeStoreKeyIsTheOriginalURLWithItsQueryData(t *testing.T) {
	dead := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	backup := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","page":"` + r.URL.Query().Get("page") + `"}`))
	})
	c := client.New(fastRetry, client.WithStore(store.NewMemory()))
	call := func(url string, page int) *client.Response {
		t.Helper()
		resp, err := c.Request(context.Background(), client.Option{URL: url, Backup: []string{backup.URL + "/conf"},
			Mode: client.ModeCORS, RetryTimes: client.NoRetry, Data: map[string]int{"page": page},
			UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if resp := call(dead.URL+"/conf", 1); resp.FromStore || backup.count.Load() != 1 {
		t.Fatalf("first call: FromStore %v, backup requests %d", resp.FromStore, backup.count.Load())
	}
	resp := call(dead.URL+"/conf", 1)
	if m, _ := resp.Data.(map[string]any); !resp.FromStore || m["page"] != "1" || dead.count.Load() != 1 || backup.count.Load() != 1 {
		t.Fatalf("the same URL again: FromStore %v, Data %v, requests %d + %d; want the stored answer, no request",
			resp.FromStore, resp.Data, dead.count.Load(), backup.count.Load())
	}
	resp = call(dead.URL+"/conf", 2)
	if m, _ := resp.Data.(map[string]any); resp.FromStore || m["page"] != "2" {
		t.Fatalf("other query data: FromStore %v, Data %v; want a miss", resp.FromStore, resp.Data)
	}
	resp = call(backup.URL+"/conf", 1)
	if resp.FromStore {
		t.Fatal("the backup's URL was answered by the entry of the original URL")
	}
}
