package retry_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
)

type notSentErr struct{}

func (notSentErr) Error() string        { return "refused before any I/O" }
func (notSentErr) Is(target error) bool { return target == middleware.ErrNotSent }

func TestMaySendAgain(t *testing.T) {
	dial := &net.OpError{Op: "dial", Err: errors.New("connection refused")}
	reset := &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}
	idem := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{Idempotent: true}))
	tests := []struct {
		name   string
		method string
		key    bool
		ctx    context.Context
		err    error
		want   bool
	}{
		{"GET answered", "GET", false, nil, nil, true},
		{"PUT reset", "PUT", false, nil, reset, true},
		{"POST answered", "POST", false, nil, nil, false},
		{"POST reset", "POST", false, nil, reset, false},
		{"PATCH answered", "PATCH", false, nil, nil, false},
		{"POST refused", "POST", false, nil, fmt.Errorf("wrapped: %w", dial), true},
		{"POST not sent by a layer", "POST", false, nil, notSentErr{}, true},
		{"POST refused by an open circuit", "POST", false, nil, &breaker.OpenError{Key: "http://a.test"}, true},
		{"POST with Idempotency-Key", "POST", true, nil, nil, true},
		{"POST marked Idempotent", "POST", false, idem, reset, true},
	}
	for _, tt := range tests {
		ctx := tt.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		req, _ := http.NewRequestWithContext(ctx, tt.method, "http://a.test/", nil)
		if tt.key {
			req.Header.Set("Idempotency-Key", "k")
		}
		if got := retry.MaySendAgain(req, tt.err); got != tt.want {
			t.Errorf("%s: MaySendAgain = %v, want %v", tt.name, got, tt.want)
		}
	}
}
