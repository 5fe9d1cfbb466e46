package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

type icptArr struct {
	Who string    `json:"who"`
	Arr [2]string `json:"arr"`
}

// A caller that changes what its call returned (Data, Header, a typed
// Value) must not change what the next store or cache hit returns.
func TestTrustIcptHitsShareNothing(t *testing.T) {
	srv := icptServer(t)
	for _, mode := range []string{"store", "cache"} {
		t.Run(mode, func(t *testing.T) {
			opts := []client.ClientOption{client.WithBaseURL(srv.URL)}
			if mode == "cache" {
				opts = append(opts, client.WithHTTPCache())
			}
			c := client.New(opts...)
			opt := client.Option{URL: "/same", Header: http.Header{"Authorization": {"Bearer alice"}},
				UseStore: mode == "store", StoreCheckKey: "version", StoreSign: "v1"}
			ctx := context.Background()
			for i := range 3 {
				r, err := c.Request(ctx, opt)
				if err != nil {
					t.Fatal(err)
				}
				m := r.Data.(map[string]any)
				if m["who"] != "Bearer alice|" || r.Header.Get("X-Echo") != "Bearer alice|" {
					t.Fatalf("call %d (store %v cache %v): %v %q", i, r.FromStore, r.FromCache, m["who"], r.Header.Get("X-Echo"))
				}
				if a := m["arr"].([]any); a[0] != "Bearer alice|" {
					t.Fatalf("call %d: arr %v", i, a)
				}
				m["who"] = "MUTATED"
				m["arr"].([]any)[0] = "MUTATED"
				r.Header.Set("X-Echo", "MUTATED")
				if r.Raw != nil {
					copy(r.Raw, "XXXXXXXX")
				}
				res, err := client.Do[icptArr](ctx, c, opt)
				if err != nil {
					t.Fatal(err)
				}
				if res.Value.Who != "Bearer alice|" || res.Value.Arr[0] != "Bearer alice|" || res.Header.Get("X-Echo") != "Bearer alice|" {
					t.Fatalf("Do %d: %+v %q", i, res.Value, res.Header.Get("X-Echo"))
				}
				res.Value.Arr[0] = "MUTATED"
				res.Header.Set("X-Echo", "MUTATED")
				if d, ok := res.Data.(icptArr); ok {
					_ = d
				}
				if res.Raw != nil {
					copy(res.Raw, "YYYYYYYY")
				}
			}
		})
	}
}
