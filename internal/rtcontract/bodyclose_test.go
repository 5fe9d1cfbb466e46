// Package rtcontract_test checks the RoundTripper contract where a layer
// answers or refuses without sending the request on: the request body is
// still closed, once.
package rtcontract_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// reqBody counts its Close calls.
type reqBody struct {
	r      io.Reader
	closes atomic.Int32
}

func (b *reqBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *reqBody) Close() error               { b.closes.Add(1); return nil }

// okBase answers 200 with a cacheable JSON body, closing the request's.
var okBase = middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Cache-Control": {"max-age=60"}, "Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader([]byte(`{"ok":1}`))), ContentLength: 8, Request: r}, nil
})

// roundTripCountingClose sends a request with a counted body through rt
// and returns how often the body was closed.
func roundTripCountingClose(t *testing.T, rt http.RoundTripper, method, hdr string) (int32, error) {
	t.Helper()
	b := &reqBody{r: bytes.NewReader([]byte(`{"a":1}`))}
	req, _ := http.NewRequest(method, "http://api.test/x", b)
	if hdr != "" {
		req.Header.Set("Cache-Control", hdr)
	}
	if hdr == "only-if-cached+if-match" {
		req.Header.Set("Cache-Control", "only-if-cached")
		req.Header.Set("If-Match", `"v1"`)
	}
	resp, err := rt.RoundTrip(req)
	if resp != nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return b.closes.Load(), err
}

// prime sends one GET through rt, read and closed.
func prime(rt http.RoundTripper) {
	req, _ := http.NewRequest("GET", "http://api.test/x", nil)
	resp, err := rt.RoundTrip(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func TestBreakerOpenClosesRequestBody(t *testing.T) {
	rt := breaker.New(okBase, breaker.WithThreshold(1), breaker.WithFailure(func(*http.Response, error) bool { return true }))
	prime(rt) // one failure opens the circuit
	n, err := roundTripCountingClose(t, rt, "POST", "")
	if !errors.Is(err, breaker.ErrOpen) || n != 1 {
		t.Fatalf("err %v, request body closed %d times on an open circuit; want ErrOpen, 1", err, n)
	}
}

func TestHTTPCacheHitClosesRequestBody(t *testing.T) {
	rt := httpcache.New(okBase)
	prime(rt)
	n, err := roundTripCountingClose(t, rt, "GET", "")
	if err != nil || n != 1 {
		t.Errorf("fresh hit: err=%v, request body closed %d times, want 1", err, n)
	}
	for _, hdr := range []string{"only-if-cached", "only-if-cached+if-match"} {
		n, err = roundTripCountingClose(t, httpcache.New(okBase), "GET", hdr)
		var nc *middleware.NotCachedError
		if !errors.As(err, &nc) || n != 1 {
			t.Errorf("%s refused: err %v, request body closed %d times; want NotCachedError, 1", hdr, err, n)
		}
	}
}

func TestStoreHitClosesRequestBody(t *testing.T) {
	rt := store.New(okBase, store.NewMemory(), store.WithCheck(func(*http.Response, []byte) bool { return true }))
	prime(rt)
	n, err := roundTripCountingClose(t, rt, "GET", "")
	if err != nil || n != 1 {
		t.Fatalf("store hit: err=%v, request body closed %d times, want 1", err, n)
	}
}
