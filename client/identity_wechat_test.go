package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A mini-program's server behind WeChat Cloud Run (云托管) learns who the
// user is from the X-WX-OPENID and X-WX-UNIONID headers its gateway sets,
// and passes them on to the services it calls. They say who the user is
// as X-Remote-User does: two users whose requests differ only there must
// not share a stored answer. Bob was answered alice's stored /me.
func TestWeChatIdentityHeadersPartitionTheStore(t *testing.T) {
	for _, name := range []string{"X-WX-OPENID", "X-WX-UNIONID", "X-Openid"} {
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
