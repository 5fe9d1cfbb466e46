package httpcache_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Two Middlewares on one storage (two clients of one process, replicas on
// one Redis) each count generations from 1: at one clock reading (a coarse
// clock, a frozen one) an index written through one after a POST through
// the other deleted the URL's index had the generation of the deleted
// one, and a variant the POST changed was served again.
func TestMiddlewaresSharingAStorageNeverReuseAGeneration(t *testing.T) {
	var version atomic.Int32
	version.Store(1)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			version.Add(1)
			io.WriteString(w, "changed")
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "Accept")
		io.WriteString(w, "v"+strconv.Itoa(int(version.Load()))+" "+r.Header.Get("Accept"))
	})
	frozen := time.Now()
	clock := httpcache.WithClock(func() time.Time { return frozen })
	mem := store.NewMemory()
	a := &http.Client{Transport: httpcache.Middleware(httpcache.WithStorage(mem), clock)(o.Client().Transport)}
	b := &http.Client{Transport: httpcache.Middleware(httpcache.WithStorage(mem), clock)(o.Client().Transport)}
	get := func(hc *http.Client, accept string) string {
		req, _ := http.NewRequest(http.MethodGet, o.URL+"/doc", nil)
		req.Header.Set("Accept", accept)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	get(a, "text/a")
	get(a, "text/b") // v1 of both variants, under a's first generation
	resp, err := a.Post(o.URL+"/doc", "text/plain", strings.NewReader("edit"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := get(b, "text/a"); got != "v2 text/a" { // b's first generation
		t.Fatalf("after the POST, got %q; want v2 text/a", got)
	}
	if got := get(b, "text/b"); got != "v2 text/b" {
		t.Errorf("after the POST, got %q; want v2 text/b, not the variant the POST changed", got)
	}
}
