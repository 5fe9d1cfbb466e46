package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// A request net/http's HTTP/2 transport refuses to send (a Connection
// other than close or keep-alive, an Upgrade: a WebSocket handshake sent
// through a plain http.Client to an origin that speaks HTTP/2) says nothing
// of the origin either: it is not counted. Counted as failures (the texts
// TestAMalformedRequestIsNotAFailureOfTheOrigin's fix matches are HTTP/1's
// and the Transport's own), they opened the origin's circuit, and every
// other caller's good request to it was refused with ErrOpen.
func TestARequestHTTP2RefusesIsNotAFailureOfTheOrigin(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	for _, h := range [][2]string{{"Connection", "Upgrade"}, {"Upgrade", "websocket"}} {
		hc := &http.Client{Transport: breaker.New(srv.Client().Transport, breaker.WithFailureRatio(0.5, 4))}
		for range 8 {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
			req.Header.Set(h[0], h[1])
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("%s: %s was sent over HTTP/2 (%s)", h[0], h[1], resp.Proto)
			}
			if errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("%s: %s: refused requests opened the circuit: %v", h[0], h[1], err)
			}
		}
		resp, err := hc.Get(srv.URL + "/x")
		if err != nil {
			t.Fatalf("%s: %s, then another caller's good request: %v", h[0], h[1], err)
		}
		resp.Body.Close()
	}
}
