package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/storetest"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// An entry that holds a Set-Cookie is served without it.
func TestStoredSetCookieNeverServed(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "public, max-age=60")
		_, _ = io.WriteString(w, "page")
	}))
	defer srv.Close()
	for _, shared := range []bool{false, true} {
		opts := []httpcache.Option{httpcache.WithStorage(storetest.WithSetCookie{Store: store.NewMemory()})}
		if shared {
			opts = append(opts, httpcache.WithShared())
		}
		hc := &http.Client{Transport: httpcache.New(http.DefaultTransport, opts...)}
		hits.Store(0)
		for i := 0; i < 2; i++ {
			resp, err := hc.Get(srv.URL + "/p")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "page" {
				t.Fatalf("shared %v, request %d: body %q", shared, i, b)
			}
			if got := resp.Header.Values("Set-Cookie"); len(got) != 0 {
				t.Errorf("shared %v, request %d: served %q", shared, i, got)
			}
		}
		if hits.Load() != 1 {
			t.Errorf("shared %v: the origin answered %d times, want 1 (then a hit)", shared, hits.Load())
		}
		hc.CloseIdleConnections()
	}
}
