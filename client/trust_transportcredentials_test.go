package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// userTransport is golang.org/x/oauth2's Transport in shape: it sends a
// clone of the request with the user's token, and its answer's Request is
// that clone (as the transport below sets it).
type userTransport struct{ token string }

func (t *userTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return http.DefaultTransport.RoundTrip(r)
}

// Each user's client authenticates in its transport (WithTransport: an
// oauth2.Transport, a request signer), and the clients share one store
// and one HTTP cache storage, as replicas share Redis. The requests carry
// no credential above the transport, so the store and the cache key them
// as every user's: bob was answered alice's /me from either. What the
// transport says it sent (its answer's Request) counts as what an inner
// layer sets does: that answer is not written where another user finds it.
func TestTransportCredentialsKeepUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"v":"1","who":"`+r.Header.Get("Authorization")+`"}`)
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	st, cache := store.NewMemory(), store.NewMemory()
	userClient := func(token string) *client.Client {
		return client.New(client.WithTransport(&userTransport{token}), client.WithStore(st),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	alice, bob := userClient("alice"), userClient("bob")
	for _, o := range []client.Option{
		{URL: srv.URL + "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: srv.URL + "/profile"}, // the HTTP cache alone
	} {
		if _, err := alice.Request(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		r, err := bob.Request(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if who := r.Data.(map[string]any)["who"]; who != "Bearer bob" {
			t.Errorf("%s: bob was answered %v (FromStore %v, FromCache %v)", o.URL, who, r.FromStore, r.FromCache)
		}
	}
}

// The same through each client's stack in a plain http.Client (Transport):
// the HTTP cache answered bob alice's /me.
func TestTransportCredentialsKeepPlainUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	st, cache := store.NewMemory(), store.NewMemory()
	userClient := func(token string) *http.Client {
		c := client.New(client.WithTransport(&userTransport{token}), client.WithStore(st),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
		return &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	}
	for _, who := range []string{"alice", "bob"} {
		resp, err := userClient(who).Get(srv.URL + "/me")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(b) != "Bearer "+who {
			t.Errorf("%s was answered %q, %v", who, b, err)
		}
	}
}

// inPlaceTransport sets the user's token on the request it was handed,
// against the RoundTripper contract, as hand-written auth transports often
// do: the answer's Request is that request, which tells nothing.
type inPlaceTransport struct{ token string }

func (t *inPlaceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", "Bearer "+t.token)
	return http.DefaultTransport.RoundTrip(req)
}

// Such a transport's token is told by the request's credentials before
// and after it: bob was answered alice's /me from the store (below an HTTP
// cache, whose copy of the request the transport changed).
func TestTransportCredentialsSetInPlaceKeepUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"1","who":"`+r.Header.Get("Authorization")+`"}`)
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	st := store.NewMemory()
	o := client.Option{URL: srv.URL + "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	for _, who := range []string{"alice", "bob"} {
		c := client.New(client.WithTransport(&inPlaceTransport{who}), client.WithStore(st), client.WithHTTPCache())
		r, err := c.Request(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != "Bearer "+who {
			t.Errorf("%s was answered %v (FromStore %v)", who, got, r.FromStore)
		}
	}
}

// ctxUserTransport puts the token of the user the request's context names
// on a clone of it: one client serving many users from its transport.
type ctxUserTransport struct{}

type ctxUserKey struct{}

func (ctxUserTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+req.Context().Value(ctxUserKey{}).(string))
	return http.DefaultTransport.RoundTrip(r)
}

// Concurrent misses of one URL share one exchange in the HTTP cache: the
// one its first caller's context made, with that caller's token. Bob and
// carol, who joined it, were answered alice's /me, nothing stored at all.
func TestTransportCredentialsNotSharedByCoalescedMisses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond) // the others join meanwhile
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"who":"`+r.Header.Get("Authorization")+`"}`)
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c := client.New(client.WithTransport(ctxUserTransport{}), client.WithHTTPCache())
	var wg sync.WaitGroup
	for _, who := range []string{"alice", "bob", "carol"} {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
			defer cancel()
			r, err := c.Request(ctx, client.Option{URL: srv.URL + "/me"})
			if err != nil {
				t.Error(err)
				return
			}
			if got := r.Data.(map[string]any)["who"]; got != "Bearer "+who {
				t.Errorf("%s was answered %v", who, got)
			}
		})
		time.Sleep(10 * time.Millisecond)
	}
	wg.Wait()
}

// The same through the client's stack in a plain http.Client.
func TestTransportCredentialsNotSharedByCoalescedPlainMisses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond) // the others join meanwhile
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c := client.New(client.WithTransport(ctxUserTransport{}), client.WithHTTPCache())
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	var wg sync.WaitGroup
	for _, who := range []string{"alice", "bob", "carol"} {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
			resp, err := hc.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(b) != "Bearer "+who {
				t.Errorf("%s was answered %q, %v", who, b, err)
			}
		})
		time.Sleep(10 * time.Millisecond)
	}
	wg.Wait()
}
