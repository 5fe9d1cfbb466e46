package store_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestNilOptions: a nil Store, a nil Option or MemoryOption, and a nil
// function given to an Option mean the default: the layer stores and
// answers as without them.
func TestNilOptions(t *testing.T) {
	var n atomic.Int64
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"v":"1"}`)), Request: r}, nil
	})
	check := store.SignCheck("v", "1")
	cases := map[string]http.RoundTripper{
		"nil Store":             store.New(base, nil, store.WithCheck(check)),
		"nil Option":            store.New(base, store.NewMemory(nil), nil, store.WithCheck(check)),
		"WithErrorHandler(nil)": store.New(base, store.NewMemory(), store.WithErrorHandler(nil), store.WithCheck(check)),
		"WithClock(nil)":        store.New(base, store.NewMemory(), store.WithClock(nil), store.WithCheck(check)),
	}
	for name, rt := range cases {
		n.Store(0)
		for i := 0; i < 2; i++ {
			req, _ := http.NewRequest("GET", "http://stub.test/", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != `{"v":"1"}` {
				t.Errorf("%s: body %q", name, b)
			}
		}
		if n.Load() != 1 {
			t.Errorf("%s: %d requests reached the base, want 1 (the second is a hit)", name, n.Load())
		}
	}
	// The Fallback of a nil Store has nothing, and says so.
	req, _ := http.NewRequestWithContext(context.Background(), "GET", "http://stub.test/", nil)
	if _, ok := store.Fallback(nil, nil)(req, io.EOF); ok {
		t.Error("Fallback(nil) answered")
	}
}
