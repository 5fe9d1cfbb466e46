package httpcache_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestOwnAcceptEncodingNeverAnswersAnother: a request that carries its
// own Accept-Encoding gets the body as the origin coded it (net/http's
// transport decodes only the gzip it asked for itself), one without gets
// it decoded. An origin that codes by Accept-Encoding without saying Vary
// (nginx's gzip_vary is off by default) had a plain http.Client's next GET
// answered from the cache with the gzip bytes a caller that asked for gzip
// got, and Content-Encoding: gzip, where without the cache it reads the
// text. Each now gets its own entry; a second request of each kind is
// still a hit.
func TestOwnAcceptEncodingNeverAnswersAnother(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "text/plain")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			io.WriteString(zw, "hello text")
			zw.Close()
			return
		}
		io.WriteString(w, "hello text")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(nil)}
	get := func(ownEncoding bool) (string, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/doc", nil)
		if ownEncoding {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Header.Get("Content-Encoding"), string(b)
	}
	for _, order := range [][]bool{{true, false, true, false}, {false, true, false, true}} {
		hc.Transport = httpcache.New(nil)
		hits = 0
		for _, own := range order {
			ce, body := get(own)
			if own && ce != "gzip" {
				t.Errorf("own Accept-Encoding (order %v): Content-Encoding %q, want the gzip asked for", order, ce)
			}
			if !own && (ce != "" || body != "hello text") {
				t.Errorf("no Accept-Encoding (order %v): Content-Encoding %q, body %q; want the text", order, ce, body)
			}
		}
		if hits != 2 {
			t.Errorf("order %v: %d requests reached the origin, want 2 (one per kind, then hits)", order, hits)
		}
	}
}
