package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// tokenInQuery is an outer layer that authenticates each call with its
// caller's token in the query (?access_token=, as many APIs take it),
// on a clone of the request or, against the RoundTripper contract but
// as user code does, on the request itself.
func tokenInQuery(inPlace bool) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req
			if !inPlace {
				r = req.Clone(req.Context())
			}
			q := r.URL.Query()
			q.Set("access_token", req.Context().Value(outerUserKey{}).(string))
			r.URL.RawQuery = q.Encode()
			return next.RoundTrip(r)
		})
	}
}

// The store key is made from the Option's URL; a layer above the store
// that puts the caller's token in the URL makes one URL per caller. Bob is
// never answered from alice's entry, each user's own entry still answers
// that user, and a failure is never answered with another user's data by
// the stale fallback.
func TestStoreKeySeesURLsOfOuterLayers(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		var down atomic.Bool
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"version":"v1","user":"` + r.URL.Query().Get("access_token") + `"}`))
		}))
		c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(tokenInQuery(inPlace)))
		get := func(who string) (string, bool, error) {
			ctx := context.WithValue(context.Background(), outerUserKey{}, who)
			resp, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1",
				RetryTimes: client.NoRetry})
			if err != nil {
				return "", false, err
			}
			return resp.Data.(map[string]any)["user"].(string), resp.FromStore, nil
		}
		if u, _, err := get("alice"); err != nil || u != "alice" {
			t.Fatalf("in place %v: alice got %q, %v", inPlace, u, err)
		}
		if u, fromStore, err := get("bob"); err != nil || u != "bob" || fromStore {
			t.Fatalf("in place %v: bob was answered with %q's data (FromStore=%v, %v)", inPlace, u, fromStore, err)
		}
		for _, who := range []string{"alice", "bob"} {
			if u, fromStore, err := get(who); err != nil || u != who || !fromStore {
				t.Fatalf("in place %v: %s again: %q, FromStore=%v, %v; want its own stored entry", inPlace, who, u, fromStore, err)
			}
		}
		down.Store(true)
		// The sign refuses nothing here: a sign that never matches sends
		// carol to the server, which fails, and the fallback must not
		// answer her with alice's or bob's entry.
		ctx := context.WithValue(context.Background(), outerUserKey{}, "carol")
		resp, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, RetryTimes: client.NoRetry})
		if err != nil || resp.FromStore || resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("in place %v: carol's failed call: status %d, %v, FromStore=%v, %v; want the 503", inPlace,
				resp.StatusCode, resp.Data, resp.FromStore, err)
		}
		ctx = context.WithValue(context.Background(), outerUserKey{}, "alice")
		resp, err = c.Request(ctx, client.Option{URL: "/me", UseStore: true, RetryTimes: client.NoRetry})
		if err != nil || !resp.FromStore || resp.Data.(map[string]any)["user"] != "alice" {
			t.Fatalf("in place %v: alice's failed call: %v, %v; want her own stale entry", inPlace, resp, err)
		}
		srv.Close()
	}
}
