package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// statusSeq answers each request with the next status of seq (the last
// one repeating).
func statusSeq(seq ...int) (http.RoundTripper, *atomic.Int32) {
	var n atomic.Int32
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		st := seq[min(i, len(seq)-1)]
		return &http.Response{StatusCode: st, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	}), &n
}

func send(rt http.RoundTripper) error {
	req, _ := http.NewRequest("GET", "http://api.test/x", nil)
	resp, err := rt.RoundTrip(req)
	if resp != nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return err
}

// TestZeroOpenTimeoutKeepsTheDefault: WithOpenTimeout(0) (or negative)
// keeps the layer's 10 s, as its doc says; it was handed to gobreaker,
// which reads it as its own default, 60 s.
func TestZeroOpenTimeoutKeepsTheDefault(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		synctest.Test(t, func(t *testing.T) {
			base, sent := statusSeq(500, 200)
			rt := breaker.New(base, breaker.WithThreshold(1), breaker.WithOpenTimeout(d))
			send(rt)
			if err := send(rt); !errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("WithOpenTimeout(%v): after a failure %v, want open", d, err)
			}
			time.Sleep(breaker.DefaultOpenTimeout + time.Millisecond)
			if err := send(rt); err != nil || sent.Load() != 2 {
				t.Errorf("WithOpenTimeout(%v): after %v: %v, %d sent; want the probe through", d, breaker.DefaultOpenTimeout, err, sent.Load())
			}
		})
	}
}

// TestZeroIntervalKeepsTheDefault: WithInterval(0) (or negative) keeps the
// layer's 60 s, so a failure a minute ago does not count; handed to
// gobreaker, it meant counts never cleared.
func TestZeroIntervalKeepsTheDefault(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		synctest.Test(t, func(t *testing.T) {
			base, _ := statusSeq(500, 200, 500, 200)
			rt := breaker.New(base, breaker.WithFailureRatio(0.6, 2), breaker.WithInterval(d))
			send(rt) // a failure
			time.Sleep(breaker.DefaultInterval + time.Second)
			send(rt) // a success, then a failure: 1 of 2 since the counts cleared
			send(rt)
			if err := send(rt); errors.Is(err, breaker.ErrOpen) {
				t.Errorf("WithInterval(%v): open, the failure of a minute ago counted", d)
			}
		})
	}
}
