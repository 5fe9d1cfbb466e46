package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// A request net/http refuses to send as it writes its head (over HTTP/2 a
// Host that is no host, a target that is no path, a Trailer it may not
// announce; over HTTP/1 a control character in the target) says nothing of
// the origin: it is not counted. Counted (RefusedToSend did not know these
// refusals), one caller's bad requests opened the origin's circuit, and
// every other caller's good request to it was refused with ErrOpen.
func TestARequestRefusedAsItsHeadIsWrittenIsNotAFailureOfTheOrigin(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h2 := httptest.NewUnstartedServer(handler)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	defer h2.Close()
	h1 := httptest.NewServer(handler)
	defer h1.Close()
	cases := []struct {
		name string
		srv  *httptest.Server
		edit func(*http.Request)
	}{
		{"invalid Host", h2, func(r *http.Request) { r.Host = "tenant a.example" }},
		{"invalid :path", h2, func(r *http.Request) { r.URL.Opaque = "x" }},
		{"invalid Trailer key", h2, func(r *http.Request) { r.Trailer = http.Header{"Content-Length": nil} }},
		{"control character in the URL", h1, func(r *http.Request) { r.URL.Opaque = "/a\x7fb" }},
	}
	tr := h2.Client().Transport.(*http.Transport)
	defer tr.CloseIdleConnections()
	for _, c := range cases {
		hc := &http.Client{Transport: breaker.New(tr, breaker.WithFailureRatio(0.5, 4))}
		for range 8 {
			req, _ := http.NewRequest(http.MethodGet, c.srv.URL+"/x", nil)
			c.edit(req)
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("%s: sent over %s", c.name, resp.Proto)
			}
			if errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("%s: refused requests opened the circuit: %v", c.name, err)
			}
		}
		resp, err := hc.Get(c.srv.URL + "/x")
		if err != nil {
			t.Fatalf("%s, then another caller's good request: %v", c.name, err)
		}
		resp.Body.Close()
	}
}
