package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A service behind Kong learns who the user is from the headers its
// gateway sets (X-Consumer-Id, X-Consumer-Custom-Id for the consumer,
// X-Userinfo for the OIDC plugin's user) and passes them on to the
// services it calls, as X-Remote-User is passed on. Two users whose
// requests differ only there must not share a stored answer: bob was
// answered alice's stored /me.
func TestGatewayConsumerHeadersPartitionTheStore(t *testing.T) {
	for _, name := range []string{"X-Consumer-Id", "X-Consumer-Custom-Id", "X-Userinfo",
		// Whose account, tenant, groups or role the request is for: a
		// multi-tenant API answers each its own.
		"X-Tenant-Id", "X-Account-Id", "X-Customer-Id", "X-Member-Id", "X-Forwarded-Groups", "X-Hasura-Role"} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"v":"1","who":"`+r.Header.Get(name)+`"}`)
			}))
			defer srv.Close()
			c := client.New()
			call := func(who string) *client.Response {
				r, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/me", UseStore: true,
					StoreCheckKey: "v", StoreSign: "1", Header: http.Header{name: {who}}})
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			call("alice")
			if r := call("bob"); r.FromStore || r.Data.(map[string]any)["who"] != "bob" {
				t.Fatalf("bob got %v (FromStore %v)", r.Data, r.FromStore)
			}
			if r := call("alice"); !r.FromStore {
				t.Errorf("alice's repeat is not answered from the store")
			}
		})
	}
}
