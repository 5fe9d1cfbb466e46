package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
)

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
