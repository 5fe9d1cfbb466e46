package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// A request net/http refuses to send (a header value with a newline, as a
// token read with its line end) says nothing of the origin: it is not
// counted. Counted as failures, one caller's malformed requests opened the
// origin's circuit in a plain http.Client, and every other caller's good
// request to it was refused with ErrOpen.
func TestAMalformedRequestIsNotAFailureOfTheOrigin(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithFailureRatio(0.5, 4))}
	for range 8 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		req.Header.Set("Authorization", "Bearer abc\n")
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatal("a header with a newline was sent")
		}
		if errors.Is(err, breaker.ErrOpen) {
			t.Fatalf("malformed requests opened the circuit: %v", err)
		}
	}
	// A scheme net/http does not speak, on a circuit keyed by host.
	rt := breaker.New(nil, breaker.WithFailureRatio(0.5, 4), breaker.WithKey(func(r *http.Request) string { return r.URL.Host }))
	for range 8 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		req.URL.Scheme = "gopher"
		if _, err := rt.RoundTrip(req); errors.Is(err, breaker.ErrOpen) {
			t.Fatalf("unsupported schemes opened the circuit: %v", err)
		}
	}
	resp, err := hc.Get(srv.URL + "/x")
	if err != nil {
		t.Fatalf("another caller's good request: %v", err)
	}
	resp.Body.Close()
}
