package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// resendOn401 is a layer of the caller's that sends a request once more
// with a fresh token when the first is answered 401, as an auth layer does.
func resendOn401(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusUnauthorized {
			return resp, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		again := req.Clone(req.Context())
		again.Header.Set("X-Token", "fresh")
		return next.RoundTrip(again)
	})
}

// Response.Attempts counts what went out: a layer below the retry layer
// (WithInnerLayers) that sends a request twice made two attempts, as it
// does in a stack without the retry layer (the bottom layer's count,
// 7cd9438). With the retry layer they said 1: the bottom layer counted
// only when no retry layer had.
func TestAttemptsCountAnInnerLayersResend(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Token") != "fresh" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	})
	ctx := context.Background()
	for name, opts := range map[string][]client.ClientOption{
		"default layers":       {client.WithInnerLayers(resendOn401)},
		"without retry layer":  {client.WithLayers(timeout.Middleware()), client.WithInnerLayers(resendOn401)},
		"resending layer only": {client.WithLayers(resendOn401)},
	} {
		c := client.New(append([]client.ClientOption{client.WithBaseURL(srv.URL)}, opts...)...)
		for _, tc := range []struct {
			url  string
			want int64
		}{{"/a", 2}, {"/", 2}} {
			before := srv.count.Load()
			r, err := c.Request(ctx, client.Option{URL: tc.url})
			sent := srv.count.Load() - before
			if err != nil || r.StatusCode != 200 || sent != tc.want || r.Attempts != int(sent) {
				t.Errorf("%s %s: %v, status %d, %d sent, Attempts %d; want 200, %d sent and counted", name, tc.url, err, r.StatusCode, sent, r.Attempts, tc.want)
			}
		}
	}
	// The retry layer's own attempts still count one each, an attempt
	// an open circuit refused without I/O too (the field's doc).
	c := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(resendOn401))
	before := srv.count.Load()
	r, _ := c.Request(ctx, client.Option{URL: "/b", Header: http.Header{"X-Token": {"fresh"}}})
	if sent := srv.count.Load() - before; sent != 1 || r.Attempts != 1 {
		t.Errorf("one request: %d sent, Attempts %d; want 1", sent, r.Attempts)
	}
}

// Response.Attempts counts "one that an open circuit breaker refused
// without I/O too": so it did when the retry layer sat above the breaker
// (its AddAttempt), but a stack whose breaker has no retry layer above it
// (WithLayers(breaker), or the breaker above the retry layer) said 0.
func TestAttemptsCountABreakersRefusalWithoutRetryAbove(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	ctx := context.Background()
	for name, layers := range map[string][]middleware.Middleware{
		"breaker alone":       {breaker.Middleware(breaker.WithThreshold(1))},
		"breaker above retry": {breaker.Middleware(breaker.WithThreshold(1)), retry.Middleware()},
		"retry above breaker": {retry.Middleware(), breaker.Middleware(breaker.WithThreshold(1))},
	} {
		c := client.New(client.WithBaseURL(srv.URL), client.WithLayers(layers...))
		c.Request(ctx, client.Option{URL: "/", RetryTimes: client.NoRetry}) // opens the circuit
		before := srv.count.Load()
		r, err := c.Request(ctx, client.Option{URL: "/", RetryTimes: client.NoRetry})
		if !errors.Is(err, breaker.ErrOpen) || srv.count.Load() != before || r == nil || r.Attempts != 1 {
			t.Errorf("%s: %v, %d sent, Attempts %d; want breaker.ErrOpen, nothing sent, 1 attempt", name, err, srv.count.Load()-before, r.Attempts)
		}
	}
}
