package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// usersApartInStoreAndCache: alice's then bob's call of /me, with the store
// and with the HTTP cache, each get their own data (want(user)); with
// untouched, a call the layer leaves as it is answers again from there.
func usersApartInStoreAndCache(t *testing.T, base string, layer middleware.Middleware, want func(string) string, untouched bool) {
	for _, name := range []string{"store", "cache"} {
		cl := newInnerClient(t, base, layer, name == "cache")
		for _, user := range []string{"alice", "bob"} {
			r, err := cl.Request(asUser(user), client.Option{URL: "/me", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Data.(map[string]any); m["who"] != want(user) {
				t.Errorf("%s: %s got %v's data (from the store %v, the cache %v)", name, user, m["who"], r.FromStore, r.FromCache)
			}
		}
		for i := range untouchedCalls(untouched) {
			r, err := cl.Request(context.Background(), client.Option{URL: "/all", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && !r.FromStore && !r.FromCache {
				t.Errorf("%s: a request the layer left as it was was not answered from the %s", name, name)
			}
		}
	}
}

func untouchedCalls(on bool) int {
	if on {
		return 2
	}
	return 0
}

// usersApartOverPlainClient: a plain http.Client over the client's
// Transport, with and without the HTTP cache. bob asks once the origin is
// down (the store's stale fallback: he gets no answer of alice's), or, with
// the cache and originDownWithCache false, while alice's entry is fresh.
// A request the layer leaves as it is (path untouched) is the fallback.
func usersApartOverPlainClient(t *testing.T, srv *httptest.Server, down *atomic.Bool, layer middleware.Middleware,
	want func(string) string, untouched string, originDownWithCache bool) {
	for _, withCache := range []bool{false, true} {
		cl := newInnerClient(t, srv.URL, layer, withCache)
		hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
		down.Store(false)
		if _, who := plainInner(t, hc, "alice", srv.URL+"/plain"); who != want("alice") {
			t.Fatalf("alice got %v", who)
		}
		down.Store(!withCache || originDownWithCache)
		status, who := plainInner(t, hc, "bob", srv.URL+"/plain")
		if who == want("alice") {
			t.Errorf("plain client, cache %v: bob got %d, alice's data", withCache, status)
		}
		if originDownWithCache && (who != want("") || status != http.StatusServiceUnavailable) {
			t.Errorf("plain client, cache %v: with the origin down, bob got %d %v (alice's stored answer)", withCache, status, who)
		}
		down.Store(false)
		plainInner(t, hc, "", srv.URL+untouched)
		down.Store(true)
		if status, _ := plainInner(t, hc, "", srv.URL+untouched); status != http.StatusOK {
			t.Errorf("plain client, cache %v: a request the layer left as it was got %d, want its stored answer", withCache, status)
		}
	}
}

// TestInnerLayerKeepsUsersApart: where the inner layer puts the user's
// token, and what it found.
func TestInnerLayerKeepsUsersApart(t *testing.T) {
	bearer := func(u string) string {
		if u == "" {
			return ""
		}
		return "Bearer " + u
	}
	same := func(u string) string { return u }
	for _, tc := range []struct {
		name string
		run  func(t *testing.T)
	}{
		// The store and the cache keyed the request without the header:
		// bob was answered alice's data from the store, from the cache,
		// and from a cache exchange he joined while it was under way.
		{"header", func(t *testing.T) {
			srv, _ := innerOrigin(t, "60", func(r *http.Request) string { return r.Header.Get("Authorization") })
			usersApartInStoreAndCache(t, srv.URL, innerToken, bearer, false)
			usersApartInOneExchange(t)
		}},
		// The watch compared the credential headers alone: bob was
		// answered alice's data from the store, from the cache, and over
		// a plain client from the cache and the store's stale fallback. A
		// query that needs escaping is still written and served.
		{"query", func(t *testing.T) {
			srv, down := innerOrigin(t, "60", func(r *http.Request) string { return r.URL.Query().Get("access_token") })
			usersApartInStoreAndCache(t, srv.URL, innerQueryToken, same, true)
			usersApartOverPlainClient(t, srv, down, innerQueryToken, same, "/plain?q=a%20b|<c>", false)
		}},
		// Its URL as it was: the watch compared the URL and the
		// credential headers, not the Host the request went to.
		{"host", func(t *testing.T) {
			srv, down := innerOrigin(t, "60", func(r *http.Request) string { who, _, _ := strings.Cut(r.Host, "."); return who })
			usersApartInStoreAndCache(t, srv.URL, innerTenantHost, same, true)
			usersApartOverPlainClient(t, srv, down, innerTenantHost, same, "/plain", false)
		}},
		// The store keys a POST by the hash of the body the call made,
		// without the token: the watch did not compare the body.
		{"body", func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var m map[string]any
				_ = json.NewDecoder(r.Body).Decode(&m)
				_ = json.NewEncoder(w).Encode(map[string]any{"v": "1", "who": m["auth"]})
			}))
			defer srv.Close()
			cl := newInnerClient(t, srv.URL, innerBodyToken, false)
			opt := client.Option{URL: "/rpc", Method: http.MethodPost, Data: map[string]any{"method": "user.get"},
				UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
			for _, user := range []string{"alice", "bob"} {
				r, err := cl.Request(asUser(user), opt)
				if err != nil {
					t.Fatal(err)
				}
				if m, _ := r.Data.(map[string]any); m["who"] != user {
					t.Errorf("%s got %v's data (from the store %v)", user, m["who"], r.FromStore)
				}
			}
			opt.Data = map[string]any{"method": "version"}
			for i := range 2 {
				r, err := cl.Request(context.Background(), opt)
				if err != nil {
					t.Fatal(err)
				}
				if i == 1 && !r.FromStore {
					t.Error("a body the layer left as it was was not answered from the store")
				}
			}
		}},
		// A GET sent as a QUERY is not the key's, whose method is the
		// call's: it is not written to the store.
		{"method", func(t *testing.T) {
			var methods []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				methods = append(methods, r.Method)
				_, _ = io.WriteString(w, `{"v":"1","method":"`+r.Method+`"}`)
			}))
			defer srv.Close()
			asQuery := func(next http.RoundTripper) http.RoundTripper {
				return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
					if req.URL.Path == "/search" {
						req = req.Clone(req.Context())
						req.Method = "QUERY"
					}
					return next.RoundTrip(req)
				})
			}
			cl := newInnerClient(t, srv.URL, asQuery, false)
			for _, path := range []string{"/search", "/plain"} {
				for i := range 2 {
					r, err := cl.Request(context.Background(), client.Option{URL: path, UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
					if err != nil {
						t.Fatal(err)
					}
					if want := path == "/plain" && i == 1; r.FromStore != want {
						t.Errorf("%s call %d: from the store %v, want %v", path, i+1, r.FromStore, want)
					}
				}
			}
			if len(methods) != 3 || methods[0] != "QUERY" || methods[1] != "QUERY" || methods[2] != "GET" {
				t.Errorf("the server saw %v, want QUERY QUERY GET", methods)
			}
		}},
		// A header token, over a plain client, with a stale entry: once
		// the origin failed, the store's fallback answered bob with
		// alice's data (with or without the HTTP cache between them).
		{"stale fallback", func(t *testing.T) {
			srv, down := innerOrigin(t, "0", func(r *http.Request) string { return r.Header.Get("Authorization") })
			usersApartOverPlainClient(t, srv, down, innerToken, bearer, "/me", true)
		}},
		// A layer that reads a POST's body and puts another reader of the
		// same bytes on it (httputil.DumpRequestOut, a signing layer) sent
		// the request the store keyed: its answer is written and served.
		// One that puts other bytes of the same length (each user's name)
		// still keeps alice's and bobby's answers apart.
		{"re-read body", innerLayerRereadsTheBody},
	} {
		t.Run(tc.name, tc.run)
	}
}

// usersApartInOneExchange: bob's miss joins alice's cache exchange under
// way, with the client and with a plain http.Client over its Transport;
// each gets their own data.
func usersApartInOneExchange(t *testing.T) {
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
	cl := newInnerClient(t, srv.URL, innerToken, true)
	aliceTask := cl.Go(asUser("alice"), client.Option{URL: "/slow/0", Timeout: 5 * time.Second})
	<-arrived[0]
	bobTask := cl.Go(asUser("bob"), client.Option{URL: "/slow/0", Timeout: 5 * time.Second})
	time.Sleep(100 * time.Millisecond) // bob waits on the flight
	close(release[0])
	for user, task := range map[string]*client.Task{"alice": aliceTask, "bob": bobTask} {
		r, err := task.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := r.Data.(map[string]any); m["who"] != "Bearer "+user {
			t.Errorf("shared exchange: %s got %v's data", user, m["who"])
		}
	}

	// A plain http.Client: one after the other, then bob joining alice's
	// exchange.
	hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
	for _, user := range []string{"alice", "bob"} {
		if _, got := plainInner(t, hc, user, srv.URL+"/plain"); got != "Bearer "+user {
			t.Errorf("plain client: %s got %v's data", user, got)
		}
	}
	got := make(chan string, 1)
	go func() { _, who := plainInner(t, hc, "alice", srv.URL+"/slow/1"); got <- who }()
	<-arrived[1]
	go func() {
		time.Sleep(100 * time.Millisecond) // bob waits on the flight
		close(release[1])
	}()
	if _, bob := plainInner(t, hc, "bob", srv.URL+"/slow/1"); bob != "Bearer bob" {
		t.Errorf("plain client, shared exchange: bob got %v's data", bob)
	}
	if alice := <-got; alice != "Bearer alice" {
		t.Errorf("plain client, shared exchange: alice got %v's data", alice)
	}
}

// innerLayerRereadsTheBody: 0c60e5a's watch compared the reader values
// alone, so no call whose body a layer re-read was ever answered from the
// store.
func innerLayerRereadsTheBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.NewEncoder(w).Encode(map[string]any{"v": "1", "body": string(b)})
	}))
	defer srv.Close()
	dump := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if _, err := httputil.DumpRequestOut(req, true); err != nil {
				return nil, err
			}
			return next.RoundTrip(req)
		})
	}
	opt := client.Option{URL: "/rpc", Method: http.MethodPost, Data: map[string]any{"method": "version"},
		UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	cl := newInnerClient(t, srv.URL, dump, false)
	for i := range 2 {
		r, err := cl.Request(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && !r.FromStore {
			t.Error("a body a layer read and put back as it was was not answered from the store")
		}
	}

	// Same length, other bytes: each user's name over "XXXXX".
	swap := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			u, _ := innerUser(req)
			b, err := io.ReadAll(req.Body)
			req.Body.Close()
			if err != nil {
				return nil, err
			}
			b = bytes.Replace(b, []byte("XXXXX"), []byte(u), 1)
			req = req.Clone(req.Context())
			req.Body = io.NopCloser(bytes.NewReader(b))
			return next.RoundTrip(req)
		})
	}
	cl2 := newInnerClient(t, srv.URL, swap, false)
	opt.Data = map[string]any{"auth": "XXXXX"}
	for _, user := range []string{"alice", "bobby"} {
		r, err := cl2.Request(asUser(user), opt)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := r.Data.(map[string]any); !bytes.Contains([]byte(m["body"].(string)), []byte(user)) {
			t.Errorf("%s got %v (from the store %v)", user, m["body"], r.FromStore)
		}
	}
}

// A layer below the backup layer (WithInnerLayers) that sets credentials
// runs for every backup too: what it sets never reaches a backup on
// another origin, and still reaches the primary.
func TestInnerLayerCredentialsNeverReachBackupAcross(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	handler := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.Host] = r.Header.Get("Authorization") + "|" + r.Header.Get("X-Workspace")
			mu.Unlock()
			w.WriteHeader(status)
		}
	}
	primary := httptest.NewServer(handler(http.StatusServiceUnavailable))
	defer primary.Close()
	other := httptest.NewServer(handler(http.StatusOK))
	defer other.Close()
	setCreds := credentialSetter(map[string]string{"Authorization": "Bearer alice-token", "X-Workspace": "alice"})
	c := client.New(client.WithInnerLayers(setCreds), client.WithCredentialHeaders("X-Workspace"))
	res, err := c.Request(context.Background(), client.Option{URL: primary.URL + "/p", Backup: []string{other.URL + "/p"},
		RetryTimes: client.NoRetry, Mode: client.ModeCORS})
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%v, %v", res.StatusCode, err)
	}
	if got := seen[primary.Listener.Addr().String()]; got != "Bearer alice-token|alice" {
		t.Errorf("the primary got %q", got)
	}
	if got := seen[other.Listener.Addr().String()]; got != "|" {
		t.Errorf("the backup on another origin got %q", got)
	}
}
