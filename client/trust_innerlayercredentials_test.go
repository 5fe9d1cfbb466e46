package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
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
// So for a plain http.Client over the client's Transport.
func TestInnerLayerCredentialsKeepUsersApart(t *testing.T) {
	// The first request to /slow/N waits for release[N], once arrived[N]
	// is closed: a second caller then joins its exchange.
	var mu sync.Mutex
	seen := map[string]bool{}
	arrived := []chan struct{}{make(chan struct{}), make(chan struct{})}
	release := []chan struct{}{make(chan struct{}), make(chan struct{})}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := strings.TrimPrefix(r.URL.Path, "/slow/"); n != r.URL.Path {
			mu.Lock()
			first := !seen[n]
			seen[n] = true
			mu.Unlock()
			if i, _ := strconv.Atoi(n); first {
				close(arrived[i])
				<-release[i]
			}
		}
		w.Header().Set("Cache-Control", "max-age=60")
		_ = json.NewEncoder(w).Encode(map[string]string{"v": "1", "who": r.Header.Get("Authorization")})
	}))
	defer srv.Close()
	as := func(user string) context.Context {
		return context.WithValue(context.Background(), innerUserKey{}, user)
	}
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
	aliceTask := cl.Go(as("alice"), client.Option{URL: "/slow/0", Timeout: 5 * time.Second})
	<-arrived[0]
	bobTask := cl.Go(as("bob"), client.Option{URL: "/slow/0", Timeout: 5 * time.Second})
	time.Sleep(100 * time.Millisecond) // bob waits on the flight
	close(release[0])
	for user, task := range map[string]*client.Task{"alice": aliceTask, "bob": bobTask} {
		r, err := task.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if got := who(r); got != "Bearer "+user {
			t.Errorf("shared exchange: %s got %v's data", user, got)
		}
	}

	// A plain http.Client over the client's Transport: one after the
	// other, then bob joining alice's exchange.
	hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
	plain := func(user, path string) any {
		req, _ := http.NewRequestWithContext(as(user), http.MethodGet, srv.URL+path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Error(err)
			return nil
		}
		defer resp.Body.Close()
		var m map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return m["who"]
	}
	for _, user := range []string{"alice", "bob"} {
		if got := plain(user, "/plain"); got != "Bearer "+user {
			t.Errorf("plain client: %s got %v's data", user, got)
		}
	}
	got := make(chan any, 1)
	go func() { got <- plain("alice", "/slow/1") }()
	<-arrived[1]
	go func() {
		time.Sleep(100 * time.Millisecond) // bob waits on the flight
		close(release[1])
	}()
	if bob := plain("bob", "/slow/1"); bob != "Bearer bob" {
		t.Errorf("plain client, shared exchange: bob got %v's data", bob)
	}
	if alice := <-got; alice != "Bearer alice" {
		t.Errorf("plain client, shared exchange: alice got %v's data", alice)
	}
}
