package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadmeChunkedRefusals(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1); w.Write([]byte(`{}`)) }))
	defer srv.Close()
	for _, withCache := range []bool{false, true} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL)}
		if withCache {
			opts = append(opts, client.WithHTTPCache())
		}
		c := client.New(opts...)
		ctx := context.Background()
		for name, o := range map[string]client.Option{
			"DataCheck": {DataCheck: func(*client.Response) bool { return true }},
			"UseStore":  {UseStore: true},
			"JSONP":     {JSONP: true},
			"default":   {Cache: client.CacheDefault},
			"reload":    {Cache: client.CacheReload},
			"no-cache":  {Cache: client.CacheNoCache},
			"force":     {Cache: client.CacheForceCache},
			"only":      {Cache: client.CacheOnlyIfCached},
		} {
			o.URL, o.EnableChunked = "/x", true
			before := n.Load()
			resp, err := c.Request(ctx, o)
			if resp != nil && resp.Body != nil {
				resp.Body.Close()
			}
			if !errors.Is(err, client.ErrInvalidOption) || n.Load() != before {
				t.Errorf("cache=%v %s: err %v, I/O %d", withCache, name, err, n.Load()-before)
			}
		}
		type U struct{}
		before := n.Load()
		_, err := client.Do[U](ctx, c, client.Option{URL: "/x", EnableChunked: true})
		if !errors.Is(err, client.ErrInvalidOption) || n.Load() != before {
			t.Errorf("cache=%v Do: err %v", withCache, err)
		}
		resp, err := c.Request(ctx, client.Option{URL: "/x", EnableChunked: true, Cache: client.CacheNoStore})
		if err != nil {
			t.Errorf("cache=%v explicit no-store: %v", withCache, err)
		} else {
			resp.Body.Close()
		}
	}
}
