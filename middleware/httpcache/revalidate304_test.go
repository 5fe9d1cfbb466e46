package httpcache_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// How a 304 updates a stored entry: never beyond what its merged fields
// allow, for its own user and for the others.

// revalidatingOrigin answers ETag "v1" and body "page" with Cache-Control
// stored, and a request revalidating "v1" with a 304 whose fields on304
// sets; every (if given) sets fields of every response first.
func revalidatingOrigin(t *testing.T, clk *clock, stored string, on304 func(h http.Header, r *http.Request),
	every ...func(h http.Header, r *http.Request)) *origin {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		for _, f := range every {
			f(w.Header(), r)
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			on304(w.Header(), r)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", stored)
		_, _ = io.WriteString(w, "page")
	})
	o.clock = clk
	return o
}

// Shared cache. Alice (Authorization) stores a public entry; Bob
// revalidates it and the origin's 304 to Bob drops "public" (plain max-age)
// and carries a field of Bob's. RFC 9111 §3.5: a response to a request with
// Authorization may only answer other requests if its Cache-Control allows
// a shared cache to; after the update the stored Cache-Control is the
// 304's. Carol must not be served Bob's field.
func TestShared304WithoutPublicStaysWithItsUser(t *testing.T) {
	clk := newClock()
	o := revalidatingOrigin(t, clk, "public, max-age=1", func(h http.Header, r *http.Request) {
		h.Set("Cache-Control", "max-age=600")
		h.Set("X-Account", "account-of-"+r.Header.Get("Authorization"))
	})
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p", "Authorization", "alice")
	clk.Add(5 * time.Second)
	_, r := get(t, hc, o.URL+"/p", "Authorization", "bob")
	if r.Header.Get("X-Account") != "account-of-bob" {
		t.Fatalf("bob: %q", r.Header.Get("X-Account"))
	}
	_, r = get(t, hc, o.URL+"/p", "Authorization", "carol")
	if got := r.Header.Get("X-Account"); got == "account-of-bob" {
		t.Errorf("carol (another Authorization) was served, from the shared copy, bob's 304 field %q; stored Cache-Control now %q (no public)", got, r.Header.Get("Cache-Control"))
	}
}

// countingBody counts Close calls.
type countingBody struct {
	io.Reader
	closes atomic.Int32
}

func (b *countingBody) Close() error { b.closes.Add(1); return nil }

// stale-while-revalidate: the stale entry answers at once and the
// revalidation runs in the background. When one is already under way, the
// request is answered without being sent on: its body is closed all the
// same (the RoundTripper contract).
func TestSWRAnswerClosesRequestBody(t *testing.T) {
	clk := newClock()
	release := make(chan struct{})
	var n atomic.Int32
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=1, stale-while-revalidate=600")
		w.Header().Set("ETag", `"v1"`)
		if n.Add(1) > 1 {
			<-release // the background revalidation is slow
		}
		io.WriteString(w, "page")
	})
	o.clock = clk
	_, tr := cached(o, httpcache.WithClock(clk.Now))
	req, _ := http.NewRequest("GET", o.URL+"/p", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	clk.Add(5 * time.Second)
	var bodies []*countingBody
	for i := 0; i < 2; i++ {
		b := &countingBody{Reader: bytes.NewReader(nil)}
		bodies = append(bodies, b)
		req, _ := http.NewRequest("GET", o.URL+"/p", b)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	close(release)
	tr.Wait()
	for i, b := range bodies {
		if c := b.closes.Load(); c != 1 {
			t.Errorf("stale-while-revalidate answer %d: request body closed %d times, want 1", i+1, c)
		}
	}
}

// A no-store 304 drops the URL's entries, in a private cache and in a
// shared one (its shared copy included).
func TestNoStore304DropsTheEntryPrivateAndShared(t *testing.T) {
	for _, shared := range []bool{false, true} {
		clk := newClock()
		o := revalidatingOrigin(t, clk, "public, max-age=100", func(h http.Header, _ *http.Request) {
			h.Set("Cache-Control", "no-store")
		})
		opts := []httpcache.Option{httpcache.WithClock(clk.Now)}
		if shared {
			opts = append(opts, httpcache.WithShared())
		}
		hc, _ := cached(o, opts...)
		get(t, hc, o.URL+"/p")
		clk.Add(10 * time.Second)
		get(t, hc, o.URL+"/p", "Cache-Control", "no-cache") // 304 no-store
		get(t, hc, o.URL+"/p")
		if n := o.hits.Load(); n != 3 {
			t.Errorf("shared=%v: after a 304 with no-store the old entry still answered (%d origin requests, want 3)", shared, n)
		}
	}
}

// A fresh public shared copy; a user's no-cache request revalidates it and
// the origin's 304 now says no-cache (no public): the shared copy goes, so
// other users are not served it without the revalidation the origin now
// asks for.
func TestShared304NoCacheDropsAFreshSharedCopy(t *testing.T) {
	for _, bob := range [][]string{{"Cache-Control", "no-cache"}, {"Cookie", "sid=bob", "Cache-Control", "no-cache"}} {
		clk := newClock()
		o := revalidatingOrigin(t, clk, "public, max-age=600", func(h http.Header, r *http.Request) {
			h.Set("Cache-Control", "no-cache")
		})
		hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
		get(t, hc, o.URL+"/p")
		get(t, hc, o.URL+"/p", bob...) // 304: no-cache
		n := o.hits.Load()
		_, r := get(t, hc, o.URL+"/p", "Cookie", "sid=carol")
		if o.hits.Load() == n {
			t.Errorf("bob=%v: after the origin's 304 said no-cache, carol was served the shared copy without revalidation (Cache-Control %q, Age %q)", bob, r.Header.Get("Cache-Control"), r.Header.Get("Age"))
		}
	}
}

// In a shared cache, a 304 that says private answers its own user but
// never updates the copy every user is served.
func TestShared304PrivateStaysWithItsUser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "private, max-age=600")
			w.Header().Set("X-Account", "account-of-"+r.Header.Get("X-Who"))
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=0")
		_, _ = io.WriteString(w, "page")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(http.DefaultTransport, httpcache.WithShared())}
	defer hc.CloseIdleConnections()
	get := func(who string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/p", nil)
		req.Header.Set("X-Who", who)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp
	}
	get("alice")
	if got := get("bob").Header.Get("X-Account"); got != "account-of-bob" {
		t.Fatalf("bob's own 304 fields: %q", got)
	}
	if got := get("carol").Header.Get("X-Account"); got == "account-of-bob" {
		t.Errorf("carol was served bob's private 304 field %q", got)
	}
}
