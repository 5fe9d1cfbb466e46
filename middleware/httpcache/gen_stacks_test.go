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

// A POST deletes its URL's index and leaves the variants under it, which
// the generation in the next index makes unreachable. Two writers of one
// storage that numbered their generations apart could make one generation
// (the same clock reading: a clock that ticks coarsely, or a frozen test
// clock): the index one wrote after the POST made the variants from before
// it reachable again, and a request of another variant was served what
// the POST changed. Both kinds of writers: the stacks of one Middleware,
// and two Middlewares on one storage (two clients of one process, replicas
// on one Redis).
func TestWritersOfOneStorageNeverReuseAGeneration(t *testing.T) {
	frozen := time.Now()
	clock := httpcache.WithClock(func() time.Time { return frozen })
	for name, stacks := range map[string]func(base http.RoundTripper) (a, b http.RoundTripper){
		"stacks of one Middleware": func(base http.RoundTripper) (http.RoundTripper, http.RoundTripper) {
			m := httpcache.Middleware(httpcache.WithStorage(store.NewMemory()), clock)
			return m(base), m(base)
		},
		"Middlewares on one storage": func(base http.RoundTripper) (http.RoundTripper, http.RoundTripper) {
			mem := store.NewMemory()
			return httpcache.Middleware(httpcache.WithStorage(mem), clock)(base),
				httpcache.Middleware(httpcache.WithStorage(mem), clock)(base)
		},
	} {
		t.Run(name, func(t *testing.T) {
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
			ta, tb := stacks(o.Client().Transport)
			a, b := &http.Client{Transport: ta}, &http.Client{Transport: tb}
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
		})
	}
}
