package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// tokenInQuery is an outer layer that authenticates each call with its
// caller's token in the query (?access_token=, as many APIs take it),
// on a clone of the request or, against the RoundTripper contract but
// as user code does, on the request itself.
func tokenInQuery(inPlace bool) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req
			if !inPlace {
				r = req.Clone(req.Context())
			}
			q := r.URL.Query()
			q.Set("access_token", req.Context().Value(outerUserKey{}).(string))
			r.URL.RawQuery = q.Encode()
			return next.RoundTrip(r)
		})
	}
}

// callAs makes c's call opt as who (the context value under key) and
// returns the answer's field and whether the store answered.
func callAs(t *testing.T, c *client.Client, key any, who string, opt client.Option, field string) (string, bool) {
	t.Helper()
	resp, err := c.Request(context.WithValue(context.Background(), key, who), opt)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := resp.Data.(map[string]any)[field].(string)
	return v, resp.FromStore
}

// The store key is made from the Option's URL; a layer above the store
// that puts the caller's token in the URL makes one URL per caller. Bob is
// never answered from alice's entry, each user's own entry still answers
// that user, and a failure is never answered with another user's data by
// the stale fallback.
func TestStoreKeySeesURLsOfOuterLayers(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		var down atomic.Bool
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"version":"v1","user":"` + r.URL.Query().Get("access_token") + `"}`))
		}))
		c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(tokenInQuery(inPlace)))
		get := func(who string) (string, bool, error) {
			ctx := context.WithValue(context.Background(), outerUserKey{}, who)
			resp, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version", StoreSign: "v1",
				RetryTimes: client.NoRetry})
			if err != nil {
				return "", false, err
			}
			return resp.Data.(map[string]any)["user"].(string), resp.FromStore, nil
		}
		if u, _, err := get("alice"); err != nil || u != "alice" {
			t.Fatalf("in place %v: alice got %q, %v", inPlace, u, err)
		}
		if u, fromStore, err := get("bob"); err != nil || u != "bob" || fromStore {
			t.Fatalf("in place %v: bob was answered with %q's data (FromStore=%v, %v)", inPlace, u, fromStore, err)
		}
		for _, who := range []string{"alice", "bob"} {
			if u, fromStore, err := get(who); err != nil || u != who || !fromStore {
				t.Fatalf("in place %v: %s again: %q, FromStore=%v, %v; want its own stored entry", inPlace, who, u, fromStore, err)
			}
		}
		down.Store(true)
		// The sign refuses nothing here: a sign that never matches sends
		// carol to the server, which fails, and the fallback must not
		// answer her with alice's or bob's entry.
		ctx := context.WithValue(context.Background(), outerUserKey{}, "carol")
		resp, err := c.Request(ctx, client.Option{URL: "/me", UseStore: true, RetryTimes: client.NoRetry})
		if err != nil || resp.FromStore || resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("in place %v: carol's failed call: status %d, %v, FromStore=%v, %v; want the 503", inPlace,
				resp.StatusCode, resp.Data, resp.FromStore, err)
		}
		ctx = context.WithValue(context.Background(), outerUserKey{}, "alice")
		resp, err = c.Request(ctx, client.Option{URL: "/me", UseStore: true, RetryTimes: client.NoRetry})
		if err != nil || !resp.FromStore || resp.Data.(map[string]any)["user"] != "alice" {
			t.Fatalf("in place %v: alice's failed call: %v, %v; want her own stale entry", inPlace, resp, err)
		}
		srv.Close()
	}
}

// A URL that redirects (/a → /b) is answered from the store once its
// answer is stored, and its stale entry answers when the origin is down:
// the redirect hop goes through the store under the call's key, its URL
// the redirect's own, no layer's change.
func TestStoreAnswersARedirectedURL(t *testing.T) {
	var hits atomic.Int32
	down := atomic.Bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","n":42}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/a", UseStore: true, StoreCheckKey: "v", StoreSign: "1", RetryTimes: client.NoRetry}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	before := hits.Load()
	resp, err := c.Request(context.Background(), opt)
	if err != nil || !resp.FromStore || hits.Load() != before {
		t.Errorf("second call: FromStore=%v, %d more requests, %v; want the stored answer, no I/O",
			resp.FromStore, hits.Load()-before, err)
	}
	down.Store(true)
	opt.StoreCheckKey, opt.StoreSign = "", ""
	resp, err = c.Request(context.Background(), opt)
	if err != nil || !resp.FromStore {
		t.Errorf("origin down: status %d FromStore=%v, %v; want the stale stored answer", resp.StatusCode, resp.FromStore, err)
	}
}

type tenantKey struct{}

// An outer layer that sends each tenant's call to its virtual host (the
// Host header, one backend for all) makes the request reaching the store
// another tenant's: tenant b is never answered with tenant a's entry.
func TestStoreKeySeesHostOfOuterLayers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"version":"v1","tenant":"` + r.Host + `"}`))
	}))
	defer srv.Close()
	vhost := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			r.Host = req.Context().Value(tenantKey{}).(string) + ".api.test"
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(vhost))
	get := func(tenant string) (string, bool) {
		return callAs(t, c, tenantKey{}, tenant, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "version",
			StoreSign: "v1", RetryTimes: client.NoRetry}, "tenant")
	}
	if got, _ := get("a"); got != "a.api.test" {
		t.Fatalf("tenant a got %q", got)
	}
	if got, fromStore := get("b"); got != "b.api.test" {
		t.Fatalf("tenant b was answered with %q (FromStore=%v)", got, fromStore)
	}
}

// With an outer layer that puts the caller's token in the query, a JSONP
// caller's stored entry still answers that caller, fresh and stale: the
// entry is keyed by the layer's change, not by the whole URL, whose
// callback name and "_" cache-buster differ at every call.
func TestStoreJSONPWithAnOuterURLLayer(t *testing.T) {
	srv := newJSONPServer(t)
	c := fastClient(client.WithBaseURL(srv.URL), client.WithClock(ticking()),
		client.WithOuterLayers(tokenInQuery(false)))
	ctx := context.WithValue(context.Background(), outerUserKey{}, "alice")
	opt := client.Option{URL: "/state", JSONP: true, UseStore: true, StoreCheckKey: "version", StoreSign: "v1"}
	if resp, err := c.Request(ctx, opt); err != nil || resp.FromStore {
		t.Fatalf("first: %+v %v", resp, err)
	}
	resp, err := c.Request(ctx, opt)
	if err != nil || !resp.FromStore || srv.Count() != 1 {
		t.Errorf("alice again: FromStore=%v, %d requests to the server, %v; want her stored entry", resp.FromStore, srv.Count(), err)
	}
	srv.down.Store(true)
	stale := opt
	stale.StoreSign, stale.RetryTimes = "v2", client.NoRetry
	resp, err = c.Request(ctx, stale)
	if err != nil || !resp.FromStore {
		t.Errorf("origin down: FromStore=%v, %v; want alice's stale entry", resp.FromStore, err)
	}
}

// A URL that redirects, through an outer layer that puts the caller's
// token in every hop's query: each caller's answer is filed where that
// caller's next call looks, and no other caller is answered with it.
func TestStoreRedirectedURLWithAnOuterURLLayer(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","user":"` + r.URL.Query().Get("access_token") + `"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(tokenInQuery(false)))
	get := func(who string) (string, bool) {
		return callAs(t, c, outerUserKey{}, who, client.Option{URL: "/a", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
			RetryTimes: client.NoRetry}, "user")
	}
	if u, _ := get("alice"); u != "alice" {
		t.Fatalf("alice got %q", u)
	}
	if u, fromStore := get("bob"); u != "bob" || fromStore {
		t.Fatalf("bob got %q (FromStore=%v)", u, fromStore)
	}
	before := hits.Load()
	for _, who := range []string{"alice", "bob"} {
		if u, fromStore := get(who); u != who || !fromStore {
			t.Fatalf("%s again: %q, FromStore=%v", who, u, fromStore)
		}
	}
	if n := hits.Load() - before; n != 0 {
		t.Fatalf("%d requests for answers the store holds", n)
	}
}

// An outer layer puts the caller's token in the query (tokenInQuery); the
// server redirects to add a trailing slash, keeping the query (as most
// servers do), so the hop's URL already holds the caller's token and the
// layer changes nothing on it. Bob must not be answered with alice's entry.
func TestStoreQueryKeepingRedirectWithAnOuterURLLayer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/me" {
			http.Redirect(w, r, "/me/?"+r.URL.RawQuery, http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","user":"` + r.URL.Query().Get("access_token") + `"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithOuterLayers(tokenInQuery(false)))
	get := func(who string) (string, bool) {
		return callAs(t, c, outerUserKey{}, who, client.Option{URL: "/me", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
			RetryTimes: client.NoRetry}, "user")
	}
	if u, _ := get("alice"); u != "alice" {
		t.Fatalf("alice got %q", u)
	}
	if u, fromStore := get("bob"); u != "bob" {
		t.Fatalf("bob was answered with %q's data (FromStore=%v)", u, fromStore)
	}
}

// fileServer answers {"v":"1","file":<path>}; tokenRedirect redirects to
// to+"/files/"+<the request's access_token>.
func fileServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","file":"` + r.URL.Path + `"}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func tokenRedirect(t *testing.T, to string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, to+"/files/"+r.URL.Query().Get("access_token"), http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// tokenFor is an outer layer that puts the caller's token in the query of
// requests to srv only.
func tokenFor(srv *httptest.Server) middleware.Middleware {
	host := strings.TrimPrefix(srv.URL, "http://")
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Host != host {
				return next.RoundTrip(req)
			}
			r := req.Clone(req.Context())
			q := r.URL.Query()
			q.Set("access_token", req.Context().Value(outerUserKey{}).(string))
			r.URL.RawQuery = q.Encode()
			return next.RoundTrip(r)
		})
	}
}

// eachCallerGetsItsOwnFile calls /report as alice, then as bob: each must
// get its own file, never the other's entry.
func eachCallerGetsItsOwnFile(t *testing.T, c *client.Client) {
	t.Helper()
	for _, who := range []string{"alice", "bob"} {
		ctx := context.WithValue(context.Background(), outerUserKey{}, who)
		resp, err := c.Request(ctx, client.Option{URL: "/report", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
			Mode: client.ModeCORS, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatal(err)
		}
		if f := resp.Data.(map[string]any)["file"]; f != "/files/"+who {
			t.Fatalf("%s was answered with %q (FromStore=%v)", who, f, resp.FromStore)
		}
	}
}

// An outer layer that puts the caller's token in the query of requests to
// the API host only (not to the CDN the API redirects to): the API answers
// each caller with a redirect to that caller's own file on the CDN. The
// hop to the CDN is unchanged by the layer, yet it is filed as its first
// request's, the caller's: bob's hop is never answered with alice's file.
func TestStoreHopOfACallAnOuterLayerChangedIsKeptApart(t *testing.T) {
	api := tokenRedirect(t, fileServer(t).URL)
	eachCallerGetsItsOwnFile(t, client.New(client.WithBaseURL(api.URL), client.WithOuterLayers(tokenFor(api))))
}

// An outer layer puts the caller's token in the query of the API's
// /download requests only. The first request (/report, unchanged by the
// layer) redirects to /download (hop 1, which the layer changes per
// caller), which redirects each caller to its own file on a storage host
// (hop 2, which the layer leaves alone). Hop 2 carries hop 1's change:
// alice's file is never filed where bob's call looks. (The gateway is of
// the API's origin: to another, the client's bottom layer would strip the
// token a layer added, as it strips a credential header.)
func TestStoreSecondHopAfterAPerCallerHopIsKeptApart(t *testing.T) {
	files := fileServer(t).URL
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/download" {
			http.Redirect(w, r, files+"/files/"+r.URL.Query().Get("access_token"), http.StatusFound)
			return
		}
		http.Redirect(w, r, "/download", http.StatusFound)
	}))
	defer api.Close()
	onDownload := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Path != "/download" {
				return next.RoundTrip(req)
			}
			r := req.Clone(req.Context())
			r.URL.RawQuery = "access_token=" + req.Context().Value(outerUserKey{}).(string)
			return next.RoundTrip(r)
		})
	}
	eachCallerGetsItsOwnFile(t, client.New(client.WithBaseURL(api.URL), client.WithOuterLayers(onDownload)))
}
