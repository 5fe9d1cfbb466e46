package middleware_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware"
)

// Chain stacks layers over a transport: the first layer meets the request
// first. A layer is a func(http.RoundTripper) http.RoundTripper, so any
// plain http.Client can use it.
func ExampleChain() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "X-Order: %v", r.Header.Values("X-Order"))
	}))
	defer srv.Close()
	tag := func(name string) middleware.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
				req = req.Clone(req.Context()) // never change the caller's request
				req.Header.Add("X-Order", name)
				return next.RoundTrip(req)
			})
		}
	}
	hc := &http.Client{Transport: middleware.Chain(srv.Client().Transport, tag("outer"), tag("inner"))}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(string(b))
	// Output: X-Order: [outer inner]
}
