package timeout_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// TestNilOption: a nil Option means the default.
func TestNilOption(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if _, ok := r.Context().Deadline(); !ok {
			t.Error("no deadline: the default timeout was lost")
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	for name, opts := range map[string][]timeout.Option{"nil Option": {nil}, "nil then WithTimeout": {nil, timeout.WithTimeout(timeout.DefaultTimeout)}} {
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := timeout.New(base, opts...).RoundTrip(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
	}
}

// WithTimeout's doc: zero or negative means no deadline at all, where a
// client's Option.Timeout 0 means the default (2s) and only a negative one
// none; a request that carries Settings gets its Settings.Timeout, whose
// zero is no deadline too.
func TestWithTimeoutZeroOrNegativeMeansNoDeadline(t *testing.T) {
	deadline := make(chan bool, 1)
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		_, ok := r.Context().Deadline()
		deadline <- ok
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	for _, d := range []time.Duration{0, -1, time.Minute} {
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := timeout.New(base, timeout.WithTimeout(d)).RoundTrip(req)
		if err != nil {
			t.Fatalf("WithTimeout(%v): %v", d, err)
		}
		resp.Body.Close()
		if got, want := <-deadline, d > 0; got != want {
			t.Errorf("WithTimeout(%v): deadline %v, want %v", d, got, want)
		}
	}
	ctx, _ := middleware.NewCallContext(context.Background(), middleware.Settings{})
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://stub.test/", nil)
	resp, err := timeout.New(base).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if <-deadline {
		t.Error("Settings.Timeout 0: a deadline")
	}
}
