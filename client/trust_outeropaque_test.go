package client_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

type opaqueUserKey struct{}

// A layer above the store that sends a caller to a host of its own (a
// tenant's server) by the URL's Opaque, which keeps the URL's text what
// the client made (http://shared/me) while the request goes to the
// tenant's host: the store's key must count the change, as it does for a
// host changed in URL.Host. Bob is never answered from alice's entry.
func TestStoreKeySeesAnOuterLayersOpaqueRouting(t *testing.T) {
	tenant := func(who string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"version":"v1","user":"` + who + `"}`))
		}))
	}
	shared, bobs := tenant("shared"), tenant("bob")
	defer shared.Close()
	defer bobs.Close()
	bobHost := bobs.Listener.Addr().String()
	route := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.Context().Value(opaqueUserKey{}) != "bob" {
				return next.RoundTrip(req)
			}
			r := req.Clone(req.Context())
			u := *r.URL
			u.Opaque, u.Host = "//"+r.URL.Host+r.URL.EscapedPath(), bobHost // formats as before, goes to bob's host
			r.URL, r.Host = &u, ""
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(shared.URL), client.WithOuterLayers(route))
	opt := client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1", RetryTimes: client.NoRetry}
	if u, _ := callAs(t, c, opaqueUserKey{}, "alice", opt, "user"); u != "shared" {
		t.Fatalf("alice got %q", u)
	}
	if (&url.URL{Scheme: "http", Host: bobHost, Opaque: "//" + shared.Listener.Addr().String() + "/me"}).String() != shared.URL+"/me" {
		t.Fatal("the Opaque URL does not format as the shared one: the test tests nothing")
	}
	if u, fromStore := callAs(t, c, opaqueUserKey{}, "bob", opt, "user"); u != "bob" || fromStore {
		t.Fatalf("bob, routed to his host, was answered with %q (FromStore=%v)", u, fromStore)
	}
	if u, fromStore := callAs(t, c, opaqueUserKey{}, "bob", opt, "user"); u != "bob" || !fromStore {
		t.Fatalf("bob again: %q (FromStore=%v), want his own entry", u, fromStore)
	}
}
