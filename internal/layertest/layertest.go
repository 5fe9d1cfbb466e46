// Package layertest holds what the layers' tests share: a socket-free stub
// transport and the with/without benchmark of one layer.
package layertest

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// Stub answers every request 200 with an empty body, without sockets, so a
// benchmark over it measures only the layers above.
var Stub = middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
})

// Case is one stack to measure.
type Case struct {
	Name string
	RT   http.RoundTripper
}

// Bench measures a GET through each case as a sub-benchmark, after the
// baseline "without" (the bare Stub), closing every body.
func Bench(b *testing.B, cases ...Case) {
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	for _, c := range append([]Case{{"without", Stub}}, cases...) {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				resp, err := c.RT.RoundTrip(req)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
			}
		})
	}
}
