package retry_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A request that net/http refuses to send (a header value with a newline,
// an invalid method, a length without a body, a scheme it does not speak)
// fails so again: a plain http.Client's
// request is not retried for it. go-retryablehttp's DefaultRetryPolicy
// refuses these only inside the *url.Error an http.Client returns, never
// around a RoundTripper's error, so the layer tried each of them three
// times, with the default backoff's waits in between. A server's 503 is still retried.
func TestAMalformedRequestIsNotRetried(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	var attempts atomic.Int32
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	hc := &http.Client{Transport: retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))}
	for name, make := range map[string]func() *http.Request{
		"header value": func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
			req.Header.Set("X-Token", "abc\r\nX-Injected: 1")
			return req
		},
		"header name": func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
			req.Header["X Bad"] = []string{"1"}
			return req
		},
		"method": func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
			req.Method = "BAD METHOD"
			return req
		},
		"length without a body": func() *http.Request {
			req, _ := http.NewRequest(http.MethodPut, srv.URL+"/x", nil)
			req.ContentLength = 5
			return req
		},
		"scheme": func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, strings.Replace(srv.URL, "http:", "gopher:", 1)+"/x", nil)
			return req
		},
	} {
		attempts.Store(0)
		resp, err := hc.Do(make())
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err == nil || attempts.Load() != 1 {
			t.Errorf("%s: %d attempts (want 1), err %v", name, attempts.Load(), err)
		}
	}
	attempts.Store(0)
	resp, err := hc.Get(srv.URL + "/x")
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable || attempts.Load() != 3 {
		t.Fatalf("a 503: %d attempts (want 3), %v", attempts.Load(), err)
	}
	resp.Body.Close()
}
