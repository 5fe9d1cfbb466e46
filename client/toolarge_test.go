package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// TestTooLargeEveryPath: a body over WithMaxResponseBytes fails with an
// error matching client.ErrResponseTooLarge whatever layers buffered it,
// with a known length or a chunked one, and is not retried.
func TestTooLargeEveryPath(t *testing.T) {
	big := strings.Repeat("x", 4096)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chunked" {
			w.(http.Flusher).Flush() // no Content-Length
		}
		_, _ = w.Write([]byte(`"` + big + `"`))
	})
	accept := func(*client.Response) bool { return true }
	cases := []struct {
		name string
		c    *client.Client
		opt  client.Option
	}{
		{"default", client.New(client.WithMaxResponseBytes(1024)), client.Option{}},
		{"no layers", client.New(client.WithMaxResponseBytes(1024), client.WithLayers()), client.Option{}},
		{"DataCheck", client.New(client.WithMaxResponseBytes(1024)), client.Option{DataCheck: accept}},
		{"UseStore", client.New(client.WithMaxResponseBytes(1024)), client.Option{UseStore: true}},
		{"HTTP cache", client.New(client.WithMaxResponseBytes(1024), client.WithHTTPCache()), client.Option{}},
		{"all", client.New(client.WithMaxResponseBytes(1024), client.WithHTTPCache()),
			client.Option{UseStore: true, DataCheck: accept}},
	}
	for _, path := range []string{"/known", "/chunked"} {
		for _, c := range cases {
			before := srv.count.Load()
			opt := c.opt
			opt.URL = srv.URL + path
			resp, err := c.c.Request(context.Background(), opt)
			if !errors.Is(err, client.ErrResponseTooLarge) || !errors.Is(err, middleware.ErrTooLarge) ||
				!errors.Is(err, datacheck.ErrTooLarge) {
				t.Errorf("%s %s: err %v", c.name, path, err)
				continue
			}
			if n := srv.count.Load() - before; n != 1 {
				t.Errorf("%s %s: %d requests, want 1 (a body over the bound is not retried)", c.name, path, n)
			}
			if !strings.HasPrefix(resp.ErrMsg, "request:fail response body exceeds the size bound") {
				t.Errorf("%s %s: ErrMsg %q", c.name, path, resp.ErrMsg)
			}
		}
	}
}
