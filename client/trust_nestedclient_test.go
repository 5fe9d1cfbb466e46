package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A client (outer) whose transport is another client's Transport() (inner):
// inner tells its user by the connection and has the key README asks for,
// and shares one store and one HTTP cache storage with the other user's
// inner client. outer, given no key, must not make inner file its user's
// answers where the other user's inner finds them.
func TestNestedClientKeepsInnerPartition(t *testing.T) {
	api := whoServer(t, "X-Conn-Of")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	mem, cache := store.NewMemory(), store.NewMemory()
	inner := func(who string) *client.Client {
		return client.New(client.WithBaseURL(api.URL), client.WithTransport(connUserTransport(who)),
			client.WithPartitionKey([]byte(who+"-key")), client.WithStore(mem),
			client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	outer := func(who string) *client.Client {
		return client.New(client.WithBaseURL(api.URL), client.WithTransport(inner(who).Transport()))
	}
	alice, bob := outer("alice"), outer("bob")
	for _, o := range storedAndCached("") {
		wantWho(ctx, t, alice, o, "alice")
		wantWho(ctx, t, bob, o, "bob")
	}
	// A plain http.Client over each outer client's Transport: the same.
	get := func(c *client.Client) string {
		resp, err := (&http.Client{Transport: c.Transport(), Timeout: 5 * time.Second}).Get(api.URL + "/plain")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	get(alice)
	if got := get(bob); got != `{"v":"1","who":"bob"}` {
		t.Errorf("bob's plain request: %s", got)
	}
}

// The same, read side: a client without a key sharing the storage (carol's)
// files its answers under the partition every key-less client shares; a
// call through alice's keyed client must not be answered from there.
func TestNestedClientCallNotAnsweredFromKeylessPartition(t *testing.T) {
	api := whoServer(t, "X-Conn-Of")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	mem, cache := store.NewMemory(), store.NewMemory()
	carol := client.New(client.WithBaseURL(api.URL), client.WithTransport(connUserTransport("carol")),
		client.WithStore(mem), client.WithHTTPCache(httpcache.WithStorage(cache)))
	inner := client.New(client.WithBaseURL(api.URL), client.WithTransport(connUserTransport("alice")),
		client.WithPartitionKey([]byte("alice-key")), client.WithStore(mem),
		client.WithHTTPCache(httpcache.WithStorage(cache)))
	alice := client.New(client.WithBaseURL(api.URL), client.WithTransport(inner.Transport()))
	for _, o := range storedAndCached("") {
		wantWho(ctx, t, carol, o, "carol")
		wantWho(ctx, t, alice, o, "alice")
	}
}

// An outer client given a credential name (X-Workspace) over an inner
// client's Transport() whose transport sets that header per user on a
// clone: the inner client's bottom layer watched its transport by the inner
// client's names alone, and handed the outer one back the request it was
// given, so neither marked the outer call, whose store and HTTP cache kept
// alice's answer for bob.
func TestNestedClientWatchesTheOuterClientsNames(t *testing.T) {
	srv := whoServer(t, "X-Workspace")
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	inner := client.New(client.WithTransport(ctxWorkspaceTransport{}))
	outer := client.New(client.WithTransport(inner.Transport()), client.WithCredentialHeaders("X-Workspace"),
		client.WithHTTPCache())
	for _, o := range storedAndCached(srv.URL) {
		for _, who := range []string{"alice", "bob"} {
			ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
			wantWho(ctx, t, outer, o, who)
			cancel()
		}
	}
}

// The same through a plain http.Client over the outer client's Transport.
func TestNestedClientWatchesTheOuterClientsNamesPlain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=60")
		_, _ = io.WriteString(w, r.Header.Get("X-Workspace"))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	inner := client.New(client.WithTransport(ctxWorkspaceTransport{}))
	outer := client.New(client.WithTransport(inner.Transport()), client.WithCredentialHeaders("X-Workspace"),
		client.WithHTTPCache())
	hc := &http.Client{Transport: outer.Transport()}
	for _, who := range []string{"alice", "bob"} {
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
		resp, err := hc.Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if err != nil || string(b) != who {
			t.Errorf("%s was answered %q, %v", who, b, err)
		}
	}
}

// An inner client given a credential name (X-Workspace) under an outer one
// that was not: the outer client's call, partitioned in the inner client's
// store and HTTP cache by the outer client's names alone, gave bob, whose
// call said another workspace, alice's answer. (The outer client's own
// store keys by its own names: a name it is not given is no credential to
// it, so the inner's cache alone is asked here.)
func TestNestedClientCountsTheInnerClientsNames(t *testing.T) {
	srv := whoServer(t, "X-Workspace")
	inner := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithHTTPCache())
	outer := client.New(client.WithTransport(inner.Transport()))
	for _, o := range []client.Option{{URL: srv.URL + "/cached"}} {
		for _, who := range []string{"alice", "bob"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			o.Header = http.Header{"X-Workspace": {who}}
			wantWho(ctx, t, outer, o, who)
			cancel()
		}
	}
}

// ctxConnTransport stands for a transport that picks each user's
// connection by the request's context (a dialer per user).
type ctxConnTransport struct{}

func (ctxConnTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("X-Conn-Of", req.Context().Value(ctxUserKey{}).(string))
	return http.DefaultTransport.RoundTrip(r)
}

// Outer clients given a key each over one keyed inner client: the inner
// client's key partitions their calls in its layers, and so do theirs,
// which alone told the users apart there before the inner key counted.
func TestNestedClientKeepsBothKeys(t *testing.T) {
	api := whoServer(t, "X-Conn-Of")
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	inner := client.New(client.WithTransport(ctxConnTransport{}), client.WithPartitionKey([]byte("inner-key")),
		client.WithHTTPCache())
	outer := map[string]*client.Client{}
	for _, who := range []string{"alice", "bob"} {
		outer[who] = client.New(client.WithBaseURL(api.URL), client.WithTransport(inner.Transport()),
			client.WithPartitionKey([]byte(who+"-key")))
	}
	for _, who := range []string{"alice", "bob"} {
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		r, err := outer[who].Request(ctx, client.Option{URL: "/cached"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["who"]; got != who {
			t.Errorf("%s was answered %v's (cache %v)", who, got, r.FromCache)
		}
	}
}

// Plain requests over outer clients given a key each (alice's, bob's) over
// one keyed inner client whose transport picks each user's connection by
// the context: the inner client's Transport put its partitioner in place
// of the outer one's, and its HTTP cache answered bob with alice's /me.
func TestNestedClientKeepsBothKeysPlain(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=600")
		_, _ = fmt.Fprint(w, r.Header.Get("X-Conn-Of"))
	}))
	defer api.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	inner := client.New(client.WithTransport(ctxConnTransport{}), client.WithPartitionKey([]byte("inner-key")),
		client.WithHTTPCache())
	for _, who := range []string{"alice", "bob"} {
		outer := client.New(client.WithTransport(inner.Transport()), client.WithPartitionKey([]byte(who+"-key")))
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxUserKey{}, who), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, api.URL+"/me", nil)
		resp, err := (&http.Client{Transport: outer.Transport()}).Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		if string(b) != who {
			t.Errorf("%s was answered %q", who, b)
		}
	}
}

// storedAndCached are a stored call and a cached one of base's origin ("":
// the client's base URL), which the nested-client tests ask as two users.
func storedAndCached(base string) []client.Option {
	return []client.Option{
		{URL: base + "/stored", UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
		{URL: base + "/cached"},
	}
}

// wantWho asks o through c and wants who's answer: the origins answer
// {"who": the user the request came as}.
func wantWho(ctx context.Context, t *testing.T, c *client.Client, o client.Option, who string) {
	t.Helper()
	r, err := c.Request(ctx, o)
	if err != nil {
		t.Fatalf("%s %s: %v", who, o.URL, err)
	}
	if got := r.Data.(map[string]any)["who"]; got != who {
		t.Errorf("%s: %s was answered %v's (store %v, cache %v)", o.URL, who, got, r.FromStore, r.FromCache)
	}
}

// Outer clients without a key over inner clients given one each (users
// told apart by the connection, as README asks), the outer ones sharing a
// store and an HTTP cache storage: the outer clients filed their calls
// under the partition every key-less client shares, and bob was answered
// alice's /stored and /cached. A client over a keyed client's Transport is
// partitioned by that client's key when given none, as one over a
// transport with a TLS client certificate draws one.
func TestNestedClientOuterStorageKeepsInnerKey(t *testing.T) {
	api := whoServer(t, "X-Conn-Of")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	mem, cache := store.NewMemory(), store.NewMemory()
	outer := func(who string) *client.Client {
		inner := client.New(client.WithBaseURL(api.URL), client.WithTransport(connUserTransport(who)),
			client.WithPartitionKey([]byte(who+"-key")))
		return client.New(client.WithBaseURL(api.URL), client.WithTransport(inner.Transport()),
			client.WithStore(mem), client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	alice, bob := outer("alice"), outer("bob")
	for _, o := range storedAndCached("") {
		wantWho(ctx, t, alice, o, "alice")
		wantWho(ctx, t, bob, o, "bob")
	}
}

// An inner client given a credential name (X-Workspace) under an outer one
// that was not, the outer with a store and an HTTP cache of its own: the
// outer layers keyed the call without that header, and bob, whose call said
// another workspace, was answered alice's /stored and /cached from them. A
// client over another client's Transport counts that client's names as its
// own.
func TestNestedClientOuterLayersCountTheInnerClientsNames(t *testing.T) {
	srv := whoServer(t, "X-Workspace")
	inner := client.New(client.WithCredentialHeaders("X-Workspace"))
	outer := client.New(client.WithTransport(inner.Transport()), client.WithStore(store.NewMemory()),
		client.WithHTTPCache())
	for _, o := range storedAndCached(srv.URL) {
		for _, who := range []string{"alice", "bob"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			o.Header = http.Header{"X-Workspace": {who}}
			wantWho(ctx, t, outer, o, who)
			cancel()
		}
	}
}

// whoServer answers {"v":"1","who": the value of header} to every request,
// privately cacheable: who a request came as, as the origin tells.
func whoServer(t *testing.T, header string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=600")
		_, _ = fmt.Fprintf(w, `{"v":"1","who":%q}`, r.Header.Get(header))
	}))
	t.Cleanup(srv.Close)
	return srv
}
