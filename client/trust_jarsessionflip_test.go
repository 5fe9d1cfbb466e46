package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

type flipKey struct{}

// The jar of a client shared by goroutines changes session while a request
// is under way, and changes back before its answer is written: another
// goroutine logs in as dave, the request goes out with dave's cookie and
// gets dave's data, then carol logs in again. The partition the store and
// the HTTP cache key the answer by is carol's at the start and at the end,
// but the answer is dave's: it must not be written (README: an answer is
// not written when the jar took a cookie while its request was under way),
// or carol's next call is answered with dave's data. The store above the
// HTTP cache too: the cache hands it the answer of the exchange it made.
func TestJarSessionFlipMidRequestIsNotStored(t *testing.T) {
	for _, tc := range []struct{ store, cache bool }{{true, false}, {false, true}, {true, true}} {
		store, cache := tc.store, tc.cache
		t.Run(fmt.Sprintf("store=%v,httpcache=%v", store, cache), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/login" {
					http.SetCookie(w, &http.Cookie{Name: "sid", Value: r.URL.Query().Get("as"), Path: "/"})
					return
				}
				user := "anon"
				if ck, err := r.Cookie("sid"); err == nil {
					user = ck.Value
				}
				w.Header().Set("Cache-Control", "private, max-age=60")
				fmt.Fprintf(w, `{"user":%q,"v":"1"}`, user)
			}))
			defer srv.Close()
			var c *client.Client
			login := func(ctx context.Context, as string) {
				if _, err := c.Request(context.WithoutCancel(ctx), client.Option{URL: "/login?as=" + as, Credentials: client.CredentialsInclude, Cache: client.CacheNoStore}); err != nil {
					t.Fatal(err)
				}
			}
			flip := func(next http.RoundTripper) http.RoundTripper { // another goroutine, made deterministic
				return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
					if r.Context().Value(flipKey{}) == nil || r.URL.Path != "/data" {
						return next.RoundTrip(r)
					}
					login(r.Context(), "dave")
					resp, err := next.RoundTrip(r)
					login(r.Context(), "carol")
					return resp, err
				})
			}
			opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(flip)}
			if cache {
				opts = append(opts, client.WithHTTPCache())
			}
			c = client.New(opts...)
			defer c.CloseIdleConnections()
			ctx := context.Background()
			login(ctx, "carol")
			o := client.Option{URL: "/data", Credentials: client.CredentialsInclude, UseStore: store, StoreCheckKey: "v", StoreSign: "1"}
			r, err := c.Request(context.WithValue(ctx, flipKey{}, true), o)
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Data.(map[string]any); m["user"] != "dave" {
				t.Fatalf("the flipped request got %v, want dave's (the cookie it went out with)", r.Data)
			}
			r, err = c.Request(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Data.(map[string]any); m["user"] != "carol" {
				t.Errorf("carol got %v (store %v, cache %v): dave's answer was kept under carol's partition", r.Data, r.FromStore, r.FromCache)
			}
		})
	}
}
