package retry_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// refusedToWrite are requests net/http refuses to send as it writes their
// head, before any byte of them left: over HTTP/2, a Host that is no host,
// a target that is no path, a Trailer it may not announce; over HTTP/1, a
// control character in the target.
var refusedToWrite = []struct {
	name string
	h2   bool
	edit func(*http.Request)
}{
	{"invalid Host", true, func(r *http.Request) { r.Host = "tenant a.example" }},
	{"invalid :path", true, func(r *http.Request) { r.URL.Opaque = "x" }},
	{"invalid Trailer key", true, func(r *http.Request) { r.Trailer = http.Header{"Content-Length": nil} }},
	{"control character in the URL", false, func(r *http.Request) { r.URL.Opaque = "/a\x7fb" }},
}

// A request net/http refuses to send as it writes its head (a Host that
// is no host, from a plain http.Client or a layer of yours that routes by
// tenant) fails so again: it is not retried. RefusedToSend knew the
// refusals of the Transport's checks and HTTP/2's connection-specific
// headers, not these, so each was tried three times.
func TestARequestRefusedAsItsHeadIsWrittenIsNotRetried(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h2 := httptest.NewUnstartedServer(handler)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	defer h2.Close()
	h1 := httptest.NewServer(handler)
	defer h1.Close()
	var attempts atomic.Int32
	inner := h2.Client().Transport.(*http.Transport)
	defer inner.CloseIdleConnections()
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return inner.RoundTrip(r)
	})
	hc := &http.Client{Transport: retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))}
	for _, c := range refusedToWrite {
		srv := h1
		if c.h2 {
			srv = h2
		}
		attempts.Store(0)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		c.edit(req)
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s: sent over %s", c.name, resp.Proto)
		}
		if n := attempts.Load(); n != 1 {
			t.Errorf("%s: %d attempts (want 1): %v", c.name, n, err)
		}
	}
	attempts.Store(0)
	resp, err := hc.Get(h2.URL + "/x")
	if err != nil || attempts.Load() != 1 {
		t.Fatalf("a good request: %d attempts, %v", attempts.Load(), err)
	}
	resp.Body.Close()
}
