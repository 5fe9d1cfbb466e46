package client_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/timeout"
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

// TestAttemptsCountedWithoutTheRetryLayer: Response.Attempts "counts the
// attempts made, retries, backups and redirect hops included" in a stack
// without the retry layer too, which counted them alone: there a call that
// failed said 0 attempts, and one a backup or a redirect's hop answered said
// 1, whatever went out.
func TestAttemptsCountedWithoutTheRetryLayer(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			time.Sleep(150 * time.Millisecond)
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusFound)
		}
	})
	ctx := context.Background()
	for name, layers := range map[string][]middleware.Middleware{
		"timeout":        {timeout.Middleware()},
		"backup+timeout": {backup.Middleware(), timeout.Middleware()},
	} {
		c := client.New(client.WithBaseURL(srv.URL), client.WithLayers(layers...))
		for _, tc := range []struct {
			opt  client.Option
			fail bool
			want int64
		}{
			{client.Option{URL: "/slow", Timeout: 50 * time.Millisecond}, true, 1},
			{client.Option{URL: "/moved"}, false, 2},
		} {
			before := srv.count.Load()
			r, err := c.Request(ctx, tc.opt)
			if (err != nil) != tc.fail || srv.count.Load()-before != tc.want || r.Attempts != int(tc.want) {
				t.Errorf("%s %s: err %v, %d requests sent, Attempts %d; want %d", name, tc.opt.URL, err, srv.count.Load()-before, r.Attempts, tc.want)
			}
		}
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithLayers(backup.Middleware()))
	before := srv.count.Load()
	r, err := c.Request(ctx, client.Option{URL: "/down", Backup: []string{"/ok"}})
	if err != nil || r.StatusCode != 200 || srv.count.Load()-before != 2 || r.Attempts != 2 {
		t.Errorf("backup answered: %v, status %d, %d sent, Attempts %d; want 2", err, r.StatusCode, srv.count.Load()-before, r.Attempts)
	}
}
