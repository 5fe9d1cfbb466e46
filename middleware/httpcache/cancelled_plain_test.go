package httpcache_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestCancelledRequestNotAnsweredByAFreshEntry: a request whose ctx ended
// before it began fails with the ctx's error, a fresh entry
// notwithstanding, in a plain http.Client over the layer alone or over a
// client's c.Transport(), as the client's own calls and the store layer
// do (fetch with an aborted signal rejects at once). It was answered 200
// from the entry.
func TestCancelledRequestNotAnsweredByAFreshEntry(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"v":"1"}`)
	}))
	defer srv.Close()
	for name, rt := range map[string]http.RoundTripper{
		"layer alone": httpcache.New(nil),
		"c.Transport": client.New(client.WithHTTPCache()).Transport(),
	} {
		t.Run(name, func(t *testing.T) {
			hc := &http.Client{Transport: rt}
			for range 2 { // stored, then a hit
				r, err := hc.Get(srv.URL + "/x")
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x", nil)
			r, err := hc.Do(req)
			if r != nil {
				r.Body.Close()
				t.Fatalf("a cancelled request was answered %d", r.StatusCode)
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want context.Canceled", err)
			}
		})
	}
}
