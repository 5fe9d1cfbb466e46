package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// The client hands the store and HTTP cache layers it builds a random key
// they take for the default one (a request without credentials has the
// partition "" there). They told such a key by a fixed prefix, which a
// key given may begin with too (bytes of the user's, read from a file):
// two users given two such keys then shared "" and were served each
// other's entries, as two clients without a key are.
func TestPartitionKeyLikeTheRandomOneStaysAKeyGiven(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=600")
		_, _ = fmt.Fprintf(w, `{"v":"1","who":%q}`, r.Header.Get("X-Conn-Of"))
	}))
	defer api.Close()
	as := connUserTransport
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	const mark = "\x00taroreq random partition key\x00"
	mem, cache := store.NewMemory(), store.NewMemory()
	newClient := func(who string) *client.Client {
		return client.New(client.WithBaseURL(api.URL), client.WithTransport(as(who)),
			client.WithPartitionKey([]byte(mark+who+"-key-0123456789abcdef0123456789")), client.WithStore(mem),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	alice, bob := newClient("alice"), newClient("bob")
	for _, o := range []client.Option{
		{URL: "/stored", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: "/cached"},
	} {
		if r, err := alice.Request(ctx, o); err != nil || r.Data.(map[string]any)["who"] != "alice" {
			t.Fatalf("alice %s: %v %v", o.URL, r.Data, err)
		}
		r, err := bob.Request(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "bob" {
			t.Errorf("bob %s: got %v's data (store %v, cache %v), want his own", o.URL, got, r.FromStore, r.FromCache)
		}
	}
}
