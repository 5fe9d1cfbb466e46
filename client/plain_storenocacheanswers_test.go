package client_test

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A plain http.Client over c.Transport(): an answer the HTTP cache served
// (a fresh hit, or its stale entry when the origin is down) is not written
// to the store, as a call's is not: written again, a stale one passes for
// new in the store (its StoredAt) and replaces newer data.
func TestPlainClientStoreDoesNotWriteCacheAnswers(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	var down atomic.Bool
	reset := faultserver.Reset()
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			reset(w, r)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `v1`)
	})
	st := &countingStore{Store: store.NewMemory()}
	c := client.New(client.WithStore(st), client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	get := func() (int, string, bool) {
		resp, err := hc.Get(srv.URL + "/item")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		_, stale := httpcache.ServedStale(resp)
		return resp.StatusCode, string(b), stale
	}
	get() // from the network: cached, and stored
	written := st.sets.Load()
	if code, body, _ := get(); code != 200 || body != "v1" { // a fresh cache hit
		t.Fatalf("fresh hit: %d %q", code, body)
	}
	if n := st.sets.Load() - written; n != 0 {
		t.Errorf("the store was written %d times with the cache's fresh hit", n)
	}
	down.Store(true)
	now.Add(int64(time.Hour))
	written = st.sets.Load()
	code, body, stale := get() // the stale entry, or the store's data
	t.Logf("origin down: %d %q (served stale %v)", code, body, stale)
	if n := st.sets.Load() - written; n != 0 {
		t.Errorf("the store was written %d times with the cache's stale answer", n)
	}
}
