package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// lowerCaseHeader is a transport of the user's that gives its answers'
// header names in lower case (an adapter copying HTTP/2's or a function
// platform's header map into an http.Header), under base.
func lowerCaseHeader(base http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		h := make(http.Header, len(resp.Header))
		for k, vs := range resp.Header {
			h[strings.ToLower(k)] = vs
		}
		resp.Header = h
		return resp, nil
	})
}

// The store and the HTTP cache read an answer's Vary by its canonical key
// alone: a transport that gave it as "vary" (names are case-insensitive,
// and the layers read Set-Cookie, Cache-Control and the credential fields
// whatever their spelling) had its Vary: X-Shard ignored, and acme's
// answer served to globex, from the store and from the HTTP cache, in a
// client and in a plain http.Client. Every spelling of Vary counts now,
// and so does every spelling of Cache-Control for the store's no-store.
func TestVaryOfAnySpellingKeepsTenantsApart(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", "X-Shard")
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","shard":%q}`, r.Header.Get("X-Shard"))
	})
	for _, mode := range anonymousCacheModes {
		c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache(),
			client.WithTransport(lowerCaseHeader(http.DefaultTransport)))
		for _, shard := range []string{"acme", "globex"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			o := mode.opt
			o.URL, o.Header = "/conf", http.Header{"X-Shard": {shard}}
			r, err := c.Request(ctx, o)
			cancel()
			if err != nil {
				t.Fatalf("%s %s: %v", mode.name, shard, err)
			}
			if got := shardOf(r); got != shard {
				t.Errorf("%s: %s got %q (FromStore %v, FromCache %v)", mode.name, shard, got, r.FromStore, r.FromCache)
			}
		}
	}
	for name, rt := range map[string]http.RoundTripper{
		"plain store": store.New(lowerCaseHeader(http.DefaultTransport), store.NewMemory(), storeAlways),
		"plain cache": httpcache.New(lowerCaseHeader(http.DefaultTransport)),
	} {
		hc := &http.Client{Transport: rt, Timeout: 5 * time.Second}
		for _, shard := range []string{"acme", "globex"} {
			req, _ := http.NewRequest("GET", srv.URL+"/conf", nil)
			req.Header.Set("X-Shard", shard)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(b), fmt.Sprintf(`"shard":%q`, shard)) {
				t.Errorf("%s: %s got %s", name, shard, b)
			}
		}
	}
}

func TestStoreNoStoreOfAnySpellingIsNotWritten(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","token":%q}`, r.Header.Get("X-Shard"))
	})
	c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(lowerCaseHeader(http.DefaultTransport)))
	for i := range 2 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := c.Request(ctx, client.Option{URL: "/once", UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if r.FromStore {
			t.Errorf("call %d: an answer with cache-control: no-store was written and served", i)
		}
	}
}
