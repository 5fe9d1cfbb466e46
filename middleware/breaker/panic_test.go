package breaker_test

import (
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// A panic below the breaker (a layer or transport of the user's) in the
// half-open circuit's probe reports nothing about the server: the probe's
// slot is given back, so the next request probes again, instead of every
// request to the origin being refused for ever as "too many requests".
func TestPanicBelowFreesHalfOpenProbe(t *testing.T) {
	var status atomic.Int32
	status.Store(500)
	srv := faultserver.New(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(int(status.Load())) })
	var panicNext atomic.Bool
	below := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if panicNext.CompareAndSwap(true, false) {
			panic("user layer bug")
		}
		return http.DefaultTransport.RoundTrip(req)
	})
	hc := &http.Client{Transport: breaker.New(below, breaker.WithThreshold(2),
		breaker.WithOpenTimeout(50*time.Millisecond))}
	for range 2 {
		if code, err := get(hc, srv.URL); code != 500 || err != nil {
			t.Fatalf("tripping: %d %v", code, err)
		}
	}
	if _, err := get(hc, srv.URL); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("open circuit: %v", err)
	}
	time.Sleep(80 * time.Millisecond) // half-open
	status.Store(200)
	panicNext.Store(true)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic below did not reach the caller")
			}
		}()
		get(hc, srv.URL)
	}()
	// The server is healthy: the next request is the probe and closes it.
	deadline := time.Now().Add(time.Second)
	for {
		code, err := get(hc, srv.URL)
		if err == nil && code == 200 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a panic in the half-open probe, requests still fail: %d %v", code, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
