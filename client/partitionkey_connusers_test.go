package client_test

import (
	"context"
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

// Users told apart by their connection alone (a TLS client certificate in
// each user's transport) send no credential header: the README has them
// take a client, or a partition key, each. Two clients given two keys and
// sharing one store and one HTTP cache storage (one Redis) never answer
// one user with the other's entry; two given one key (replicas) share
// them. The partition of a request without credentials was "" whatever
// the key: bob was served alice's answer.
func TestPartitionKeysKeepConnectionUsersApart(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=600")
		_, _ = fmt.Fprintf(w, `{"v":"1","who":%q}`, r.Header.Get("X-Conn-Of"))
	}))
	defer api.Close()
	// (A field the client does take for a credential, in the answer's
	// Request, is an inner layer's: TestTransportCredentialsKeepUsersApart.)
	as := connUserTransport
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opts := []client.Option{
		{URL: "/stored", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: "/cached"},
	}
	for _, tc := range []struct {
		name     string
		bobKey   string
		wantBobs string // the user whose data bob's second-comer call gets
	}{
		{"two keys", "bob-key", "bob"},
		{"one key", "alice-key", "alice"}, // replicas of one service share entries
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem, cache := store.NewMemory(), store.NewMemory()
			newClient := func(who, key string) *client.Client {
				return client.New(client.WithBaseURL(api.URL), client.WithTransport(as(who)),
					client.WithPartitionKey([]byte(key)), client.WithStore(mem),
					client.WithHTTPCache(httpcache.WithStorage(cache)))
			}
			alice, bob := newClient("alice", "alice-key"), newClient("bob", tc.bobKey)
			for _, o := range opts {
				if r, err := alice.Request(ctx, o); err != nil || r.Data.(map[string]any)["who"] != "alice" {
					t.Fatalf("alice %s: %v %v", o.URL, r.Data, err)
				}
				r, err := bob.Request(ctx, o)
				if err != nil {
					t.Fatal(err)
				}
				if got := r.Data.(map[string]any)["who"]; got != tc.wantBobs {
					t.Errorf("bob %s: got %v's data (store %v, cache %v), want %s's", o.URL, got, r.FromStore, r.FromCache, tc.wantBobs)
				}
			}
		})
	}
}

// A shared HTTP cache files the copy of a public response every user may be
// served apart from every partition: under a key given, where a request
// without credentials has a partition of the key's own, a credentialed
// request still finds the copy a request without credentials stored.
func TestSharedCacheCopyFoundUnderAGivenKey(t *testing.T) {
	var hits int
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Cache-Control", "public, max-age=600")
		_, _ = fmt.Fprint(w, `{"v":"1"}`)
	}))
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(api.URL), client.WithPartitionKey([]byte("replica-key")),
		client.WithHTTPCache(httpcache.WithStorage(store.NewMemory()), httpcache.WithShared()))
	if _, err := c.Request(ctx, client.Option{URL: "/public"}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Request(ctx, client.Option{URL: "/public", Header: http.Header{"Authorization": {"Bearer alice"}}})
	if err != nil {
		t.Fatal(err)
	}
	if hits != 1 || !r.FromCache {
		t.Errorf("origin asked %d times, FromCache %v: want the shared copy (1, true)", hits, r.FromCache)
	}
}

// connUserTransport stands for a transport whose connection tells the
// server who the user is (a TLS client certificate): the server reads it
// from X-Conn-Of, a field the client does not take for a credential, as it
// cannot see a certificate.
func connUserTransport(who string) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("X-Conn-Of", who)
		return http.DefaultTransport.RoundTrip(r)
	})
}
