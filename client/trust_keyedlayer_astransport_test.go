package client_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A store or HTTP cache layer given a partition key of its own (one per
// user, as the README asks of users told apart by the connection) over a
// certificate transport, used as a client's transport: the client, given
// no key and a transport of another kind, draws none, and its calls come
// with the partition of requests without credentials that every such
// client shares. 32311ec filed them under the layer's key when the layer
// drew it, not when it was given one: alice's and bob's layers, given two
// keys, shared their entries, and bob was answered alice's /me.
func TestKeyedLayerAsTransportKeepsItsUsersApart(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=600")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert}
	srv.StartTLS()
	defer srv.Close()
	for _, layer := range []struct {
		name string
		of   func(shared store.Store, key []byte) middleware.Middleware
	}{
		{"store", func(st store.Store, key []byte) middleware.Middleware {
			return store.Middleware(st, store.WithPartitionKey(key))
		}},
		{"httpcache", func(st store.Store, key []byte) middleware.Middleware {
			return httpcache.Middleware(httpcache.WithStorage(st), httpcache.WithPartitionKey(key))
		}},
	} {
		shared := store.NewMemory()
		userClient := func(who string) *client.Client {
			tr := srv.Client().Transport.(*http.Transport).Clone()
			tr.TLSClientConfig.Certificates = []tls.Certificate{clientCert(t, who)}
			t.Cleanup(tr.CloseIdleConnections)
			return client.New(client.WithTransport(layer.of(shared, []byte("key of "+who))(tr)))
		}
		opt := client.Option{URL: srv.URL + "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		alice, bob := userClient("alice"), userClient("bob")
		if r, err := alice.Request(ctx, opt); err != nil || r.Data.(map[string]any)["who"] != "alice" {
			cancel()
			t.Fatalf("%s: alice got %v %v", layer.name, r.Data, err)
		}
		r, err := bob.Request(ctx, opt)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "bob" {
			t.Errorf("%s layer given a key, as the client's transport: bob got %v's data (store %v, cache %v)", layer.name, got, r.FromStore, r.FromCache)
		}
	}
}
