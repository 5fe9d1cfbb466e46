package breaker_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// A request net/http refuses to send as it writes its head (over HTTP/2 a
// Host that is no host, a target that is no path, a Trailer it may not
// announce; over HTTP/1 a control character in the target) says nothing of
// the origin: it is not counted. Counted (RefusedToSend did not know these
// refusals), one caller's bad requests opened the origin's circuit, and
// every other caller's good request to it was refused with ErrOpen.
func TestARequestRefusedAsItsHeadIsWrittenIsNotAFailureOfTheOrigin(t *testing.T) {
	refusals, _, tr := layertest.RefusedToWrite(t)
	for _, c := range refusals {
		hc := &http.Client{Transport: breaker.New(tr, breaker.WithFailureRatio(0.5, 4))}
		for range 8 {
			req, _ := http.NewRequest(http.MethodGet, c.Srv.URL+"/x", nil)
			c.Edit(req)
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("%s: sent over %s", c.Name, resp.Proto)
			}
			if errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("%s: refused requests opened the circuit: %v", c.Name, err)
			}
		}
		resp, err := hc.Get(c.Srv.URL + "/x")
		if err != nil {
			t.Fatalf("%s, then another caller's good request: %v", c.Name, err)
		}
		resp.Body.Close()
	}
}
