package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
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

// An origin whose answers are broken is a failing origin, whatever words
// its bytes hold: a header line without a colon that reads "unsupported
// protocol scheme" (net/http quotes it in its error) made each failure
// look like net/http refusing a malformed request, which the breaker does
// not count, so the origin's circuit never opened however often it failed.
// Only net/http's own refusal, its error as net/http makes it, is left
// uncounted.
func TestAnOriginsBrokenAnswerIsAFailureWhateverItSays(t *testing.T) {
	srv := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nunsupported protocol scheme\r\n\r\n"
	})
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithFailureRatio(0.5, 4))}
	var last error
	for range 6 {
		resp, err := hc.Get(srv + "/x")
		if err == nil {
			resp.Body.Close()
			t.Fatal("a broken answer was read")
		}
		last = err
	}
	if !errors.Is(last, breaker.ErrOpen) {
		t.Errorf("after 6 broken answers the circuit is still closed: %v", last)
	}
}

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
