package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A client over another client's Transport() sends each attempt once, and
// says so: Response.Attempts counts what reached the origin, not each
// client's bottom layer it went through.
func TestNestedClientCountsEachAttemptOnce(t *testing.T) {
	var hits atomic.Int32
	fail := atomic.Bool{}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, inner := range []*client.Client{client.New(), client.New(client.WithLayers())} {
		testNestedAttempts(ctx, t, api.URL, client.New(client.WithTransport(inner.Transport())), &hits, &fail)
	}
}

// testNestedAttempts asks api through outer, answering and failing.
func testNestedAttempts(ctx context.Context, t *testing.T, api string, outer *client.Client, hits *atomic.Int32, fail *atomic.Bool) {
	t.Helper()
	for _, failing := range []bool{false, true} {
		fail.Store(failing)
		hits.Store(0)
		res, err := outer.Request(ctx, client.Option{URL: api})
		if err != nil {
			t.Fatal(err)
		}
		if int(hits.Load()) != res.Attempts {
			t.Errorf("failing %v: %d requests reached the origin, Attempts says %d", failing, hits.Load(), res.Attempts)
		}
	}
}
