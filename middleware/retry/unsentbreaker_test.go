package retry_test

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// An attempt that timed out before it had a connection is surely unsent,
// so the retry layer may send a POST again; but it is no layer's refusal to
// send (middleware.ErrNotSent): the origin could not be reached, which a
// circuit breaker above the retry layer (counting requests, not attempts)
// must count, as it counts the same failure of a GET.
func TestUnsentAttemptStillCountsAgainstTheCircuit(t *testing.T) {
	// A TLS origin that accepts connections and never answers the handshake.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	release := make(chan struct{})
	defer close(release)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-release; c.Close() }()
		}
	}()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		t.Run(method, func(t *testing.T) {
			hc := &http.Client{Transport: middleware.Chain(tr,
				breaker.Middleware(breaker.WithThreshold(1)),
				retry.Middleware(retry.WithRetryTimes(0)),
				timeout.Middleware(timeout.WithTimeout(100*time.Millisecond)))}
			do := func() error {
				req, _ := http.NewRequest(method, "https://"+ln.Addr().String()+"/x", strings.NewReader("k=v"))
				resp, err := hc.Do(req)
				if err == nil {
					resp.Body.Close()
				}
				return err
			}
			if err := do(); err == nil || !errors.Is(err, timeout.ErrExceeded) {
				t.Fatalf("first: err = %v, want a timeout", err)
			}
			if err := do(); !errors.Is(err, breaker.ErrOpen) {
				t.Errorf("second: err = %v, want breaker.ErrOpen (the unreachable origin was not counted)", err)
			}
		})
	}
}
