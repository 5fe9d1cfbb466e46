package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestZeroByteBoundsMeanTheDefault holds the README's word that a zero or
// negative byte bound means the default, for the client's two bounds and
// the HTTP cache's: not "nothing" and not "no bound".
func TestZeroByteBoundsMeanTheDefault(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		n := 1 << 20
		if r.URL.Path == "/over" {
			n = client.DefaultMaxResponseBytes + 1
		}
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = w.Write([]byte(strings.Repeat("x", n)))
	}))
	defer srv.Close()
	ctx := context.Background()
	for _, n := range []int64{0, -1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := client.New(client.WithMaxResponseBytes(n))
			if r, err := c.Request(ctx, client.Option{URL: srv.URL + "/under"}); err != nil || len(r.Raw) != 1<<20 {
				t.Fatalf("WithMaxResponseBytes(%d), 1 MiB: %v", n, err)
			}
			if _, err := c.Request(ctx, client.Option{URL: srv.URL + "/over"}); !errors.Is(err, client.ErrResponseTooLarge) {
				t.Fatalf("WithMaxResponseBytes(%d), one byte over the default: %v, want ErrResponseTooLarge", n, err)
			}

			var sink bodySink
			echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
			defer echo.Close()
			twice := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
				if _, err := proceed(ctx, opt); err != nil {
					return nil, err
				}
				return proceed(ctx, opt)
			}
			body := strings.Repeat("b", 64<<10)
			_, err := client.New(client.WithMaxRequestBuffer(n), client.WithInterceptors(twice)).Request(ctx,
				client.Option{URL: echo.URL, Method: "POST", Data: strings.NewReader(body)})
			if got := sink.all(); err != nil || len(got) != 2 || got[0] != body || got[1] != body {
				t.Fatalf("WithMaxRequestBuffer(%d): a 64 KiB reader not replayed whole: %v, %d bodies", n, err, len(got))
			}

			cached := client.New(client.WithHTTPCache(httpcache.WithMaxBodyBytes(n)))
			before := hits.Load()
			for range 2 {
				if r, err := cached.Request(ctx, client.Option{URL: srv.URL + "/under?bound=" + fmt.Sprint(n)}); err != nil || len(r.Raw) != 1<<20 {
					t.Fatalf("through the cache: %v", err)
				}
			}
			if got := hits.Load() - before; got != 1 {
				t.Fatalf("httpcache.WithMaxBodyBytes(%d): a fresh 1 MiB answer fetched %d times, want once (stored)", n, got)
			}
		})
	}
}
