package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

type innerUserKey struct{}

// innerToken is an inner layer (WithInnerLayers) that puts the user of the
// request's context on it as a bearer token, below the store and the HTTP
// cache.
func innerToken(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if u, ok := req.Context().Value(innerUserKey{}).(string); ok {
			req = req.Clone(req.Context())
			req.Header.Set("Authorization", "Bearer "+u)
		}
		return next.RoundTrip(req)
	})
}

// TestInnerLayerCredentialsKeepUsersApart: two users share a client whose
// inner layer sets each one's Authorization. The store and the HTTP cache
// key a request before it is sent, by the credentials it has there (none):
// alice's answer, written under that key, answered bob's request from the
// store, from the cache, and from a cache exchange bob joined while it was
// under way. The README promises that one user's entry never answers
// another's, partitioned by the credential headers the request goes with.
func TestInnerLayerCredentialsKeepUsersApart(t *testing.T) {
	var once sync.Once
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			first := false
			once.Do(func() { first = true })
			if first {
				close(arrived)
				<-release
			}
		}
		w.Header().Set("Cache-Control", "max-age=60")
		_ = json.NewEncoder(w).Encode(map[string]string{"v": "1", "who": r.Header.Get("Authorization")})
	}))
	defer srv.Close()
	as := func(user string) context.Context { return context.WithValue(context.Background(), innerUserKey{}, user) }
	who := func(r *client.Response) any {
		m, _ := r.Data.(map[string]any)
		return m["who"]
	}

	for _, name := range []string{"store", "cache"} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(innerToken)}
		if name == "cache" {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		for _, user := range []string{"alice", "bob"} {
			r, err := cl.Request(as(user), client.Option{URL: "/me", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if got := who(r); got != "Bearer "+user {
				t.Errorf("%s: %s got %v's data (from the store %v, the cache %v)", name, user, got, r.FromStore, r.FromCache)
			}
		}
		cl.CloseIdleConnections()
	}

	// Concurrent: bob's miss joins alice's exchange under way.
	cl := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(innerToken), client.WithHTTPCache())
	defer cl.CloseIdleConnections()
	aliceTask := cl.Go(as("alice"), client.Option{URL: "/slow", Timeout: 5 * time.Second})
	<-arrived
	bobTask := cl.Go(as("bob"), client.Option{URL: "/slow", Timeout: 5 * time.Second})
	time.Sleep(100 * time.Millisecond) // bob waits on the flight
	close(release)
	for user, task := range map[string]*client.Task{"alice": aliceTask, "bob": bobTask} {
		r, err := task.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if got := who(r); got != "Bearer "+user {
			t.Errorf("shared exchange: %s got %v's data", user, got)
		}
	}
}
