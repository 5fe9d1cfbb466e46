package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A plain http.Client's request may carry its Cache-Control under another
// spelling of the name (req.Header["cache-control"]): net/http sends it as
// it is and the origin reads it as Cache-Control, but the cache read the
// canonical key only, so a request's no-store was ignored (the answer
// stored and served to the next request) and so was its no-cache (the
// stored answer served without asking the origin). Every spelling is read
// now, and the 8 KiB bound counts them all.
func TestRequestCacheControlUnderAnySpelling(t *testing.T) {
	for _, c := range []struct {
		name, value string
		first       bool // the directive on the first request (else the second)
	}{
		{"cache-control", "no-store", true},
		{"CACHE-CONTROL", "no-store", true},
		{"cache-control", "no-cache", false},
		{"cache-control", "max-age=0", false},
		{"cache-control", "x=\"" + strings.Repeat("a", 9<<10) + "\"", true}, // over 8 KiB: malformed, no-store
	} {
		t.Run(c.name+": "+c.value[:min(len(c.value), 12)], func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Cache-Control", "max-age=600")
				io.WriteString(w, "answer")
			}))
			defer srv.Close()
			hc := &http.Client{Transport: httpcache.New(nil)}
			for i := range 2 {
				req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
				if (i == 0) == c.first {
					req.Header[c.name] = []string{c.value}
				}
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if n := hits.Load(); n != 2 {
				t.Fatalf("the origin answered %d of 2 requests: %s: %.12s ignored", n, c.name, c.value)
			}
		})
	}
}
