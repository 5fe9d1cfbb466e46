package timeout_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A layer alone in a plain http.Client over a transport that answers with
// a nil Body (a test fake's usual empty body, which net/http's Client
// reads as empty) wrapped the nil Body, and the caller's first Read
// panicked: the http.Client, which fills in an empty body, sees the
// layer's wrapper. The layers read it as empty now.
func TestLayersAloneReadNilBodyAsEmpty(t *testing.T) {
	nilBody := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}, nil
	})
	for name, m := range map[string]middleware.Middleware{
		"timeout": timeout.Middleware(),
		"breaker": breaker.Middleware(),
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			hc := &http.Client{Transport: middleware.Chain(nilBody, m)}
			resp, err := hc.Get("http://api.test/")
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || len(b) != 0 {
				t.Fatalf("body %q, %v", b, err)
			}
		})
	}
}
