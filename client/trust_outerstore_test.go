package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

type outerUserKey struct{}

// An outer layer authenticates each request as the user in its context (a
// common pattern: the token comes from the caller's context). The store
// key, made from Option.Header, must still see the Authorization the layer
// adds: bob is never answered from alice's entry, and each user's own
// entry still answers that user.
func TestStoreKeySeesCredentialsOfOuterLayers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"version":"v1","user":"` + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + `"}`))
	}))
	defer srv.Close()
	auth := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			r.Header.Set("Authorization", "Bearer "+req.Context().Value(outerUserKey{}).(string))
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(auth))
	get := func(who string) (string, bool) {
		ctx := context.WithValue(context.Background(), outerUserKey{}, who)
		resp, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1"})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Data.(map[string]any)["user"].(string), resp.FromStore
	}
	if u, _ := get("alice"); u != "alice" {
		t.Fatalf("alice got %q", u)
	}
	if u, fromStore := get("bob"); u != "bob" || fromStore {
		t.Fatalf("bob was answered with %q's data (FromStore=%v)", u, fromStore)
	}
	for _, who := range []string{"alice", "bob"} {
		if u, fromStore := get(who); u != who || !fromStore {
			t.Fatalf("%s again: %q, FromStore=%v; want its own stored entry", who, u, fromStore)
		}
	}
}
