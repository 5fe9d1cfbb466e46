package client_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestNoLayersNoLayerOptions holds the README's word on WithLayers(): the
// Option fields of a layer left out do nothing. No timeout layer, no
// Timeout (a 150 ms answer to a 50 ms Timeout arrives); no retry layer, no
// RetryTimes (a 503 is the answer); no store layer, no UseStore (every call
// goes out).
func TestNoLayersNoLayerOptions(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(150 * time.Millisecond)
		}
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	c := client.New(client.WithLayers())
	ctx := context.Background()
	if r, err := c.Request(ctx, client.Option{URL: srv.URL + "/slow", Timeout: 50 * time.Millisecond}); err != nil || r.StatusCode != 200 {
		t.Fatalf("Timeout without its layer: %v", err)
	}
	before := srv.count.Load()
	if r, err := c.Request(ctx, client.Option{URL: srv.URL + "/down", RetryTimes: 3}); err != nil || r.StatusCode != 503 || srv.count.Load()-before != 1 {
		t.Fatalf("RetryTimes without its layer: %v, %d requests", err, srv.count.Load()-before)
	}
	before = srv.count.Load()
	for range 2 {
		if _, err := c.Request(ctx, client.Option{URL: srv.URL + "/kept", UseStore: true, StoreCheck: func(*client.Response) bool { return true }}); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.count.Load() - before; n != 2 {
		t.Fatalf("UseStore without its layer: %d requests for 2 calls, want 2", n)
	}
}
