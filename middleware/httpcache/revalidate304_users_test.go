package httpcache_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// account sets a field naming the requester, the field one user's answer
// must not carry to another.
func account(h http.Header, r *http.Request) { h.Set("X-Account", "account-of-"+whoOf(r)) }

// whoOf names the requester from its credentials.
func whoOf(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		return "auth:" + a
	}
	if c := r.Header.Get("Cookie"); c != "" {
		return "cookie:" + c
	}
	return "anonymous"
}

// Alice's must-revalidate response is shared (§3.5). Bob (a cookie, no
// Authorization) revalidates; the 304 to Bob carries a field about Bob. As
// the same headers in a full response to Bob would, they stay with Bob:
// never merged into the copy every user is served.
func TestShared304OfACookieUserStaysWithThem(t *testing.T) {
	clk := newClock()
	o := revalidatingOrigin(t, clk, "max-age=1, must-revalidate", func(h http.Header, _ *http.Request) {
		h.Set("Cache-Control", "max-age=600, must-revalidate")
	}, account)
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p", "Authorization", "alice")
	clk.Add(5 * time.Second)
	if _, rb := get(t, hc, o.URL+"/p", "Cookie", "sid=bob"); !strings.Contains(rb.Header.Get("X-Account"), "bob") {
		t.Fatalf("bob was not answered with his 304's fields: %q", rb.Header.Get("X-Account"))
	}
	n := o.hits.Load()
	for _, u := range [][]string{{"Authorization", "carol"}, {"Cookie", "sid=dave"}, nil} {
		_, r := get(t, hc, o.URL+"/p", u...)
		if got := r.Header.Get("X-Account"); strings.Contains(got, "bob") {
			t.Errorf("%v was served Bob's 304 field X-Account=%q (origin requests %d→%d)", u, got, n, o.hits.Load())
		}
	}
}

// The same headers as a full 200 to Bob stay with Bob.
func TestSharedMustRevalidateOfACookieUserStaysWithThem(t *testing.T) {
	clk := newClock()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Account", "account-of-"+whoOf(r))
		w.Header().Set("Cache-Control", "max-age=600, must-revalidate")
		io.WriteString(w, "page")
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p", "Cookie", "sid=bob")
	for _, u := range [][]string{{"Authorization", "carol"}, {"Cookie", "sid=dave"}, nil} {
		_, r := get(t, hc, o.URL+"/p", u...)
		if got := r.Header.Get("X-Account"); strings.Contains(got, "bob") {
			t.Errorf("%v was served Bob's field X-Account=%q", u, got)
		}
	}
}

// A public shared entry; an anonymous user's 304 drops public: the shared
// copy keeps what it had (stale), so Bob (cookie) revalidates it rather
// than refetching it in full.
func TestShared304DroppingPublicKeepsTheSharedCopy(t *testing.T) {
	clk := newClock()
	var mu sync.Mutex
	var log []string
	o := revalidatingOrigin(t, clk, "public, max-age=1", func(h http.Header, _ *http.Request) {
		h.Set("Cache-Control", "max-age=600")
	}, func(_ http.Header, r *http.Request) {
		mu.Lock()
		log = append(log, whoOf(r)+" INM="+r.Header.Get("If-None-Match"))
		mu.Unlock()
	})
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p") // stored for every user
	clk.Add(5 * time.Second)
	get(t, hc, o.URL+"/p")                      // anonymous 304 without public
	get(t, hc, o.URL+"/p", "Cookie", "sid=bob") // the shared copy (stale) should be revalidated
	if last := log[len(log)-1]; !strings.HasSuffix(last, `INM="v1"`) {
		t.Errorf("bob's request was unconditional (%q): the anonymous user's own copy replaced the shared copy", last)
	}
}

// Private cache: a 304 with must-understand and no-store for an understood
// status updates the entry: no-store is ignored there (§5.2.2.3).
func TestMustUnderstandNoStore304UpdatesTheEntry(t *testing.T) {
	clk := newClock()
	o := revalidatingOrigin(t, clk, "max-age=1, must-understand, no-store", func(h http.Header, _ *http.Request) {
		h.Set("Cache-Control", "max-age=600, must-understand, no-store")
	})
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p")
	clk.Add(5 * time.Second)
	get(t, hc, o.URL+"/p") // 304 must-understand, no-store, max-age=600
	get(t, hc, o.URL+"/p")
	if n := o.hits.Load(); n != 2 {
		t.Errorf("%d origin requests, want 2: a must-understand 304 for a 200 (whose no-store storable ignores) dropped the entry", n)
	}
}

// After a 304 dropping public, nothing of one user's reaches another.
func TestShared304DroppingPublicLeaksNothing(t *testing.T) {
	for _, bob := range [][]string{{"Cookie", "sid=bob"}, {"Authorization", "bob"}} {
		clk := newClock()
		o := revalidatingOrigin(t, clk, "public, max-age=1", func(h http.Header, r *http.Request) {
			h.Set("Cache-Control", "max-age=600")
			h.Set("Set-Cookie", "s="+whoOf(r))
		}, account)
		hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
		get(t, hc, o.URL+"/p", "Authorization", "alice")
		clk.Add(5 * time.Second)
		_, rb := get(t, hc, o.URL+"/p", bob...)
		if !strings.Contains(rb.Header.Get("X-Account"), "bob") {
			t.Errorf("%v: own 304 field %q", bob, rb.Header.Get("X-Account"))
		}
		for _, u := range [][]string{{"Authorization", "carol"}, {"Cookie", "sid=dave"}, nil, {"Authorization", "alice"}} {
			_, r := get(t, hc, o.URL+"/p", u...)
			if strings.Contains(r.Header.Get("X-Account"), "bob") || strings.Contains(r.Header.Get("Set-Cookie"), "bob") {
				t.Errorf("%v after %v: served %q / %q", u, bob, r.Header.Get("X-Account"), r.Header.Get("Set-Cookie"))
			}
		}
	}
}

// Carol's forced revalidation of the shared copy, whose 304 no longer says
// public, drops that copy alone: Bob's own entry stays.
func TestShared304DropsOnlyTheSharedCopy(t *testing.T) {
	clk := newClock()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "max-age=600") // no public
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if r.Header.Get("Cookie") != "" {
			w.Header().Set("Cache-Control", "max-age=600")
			io.WriteString(w, "page-of-"+whoOf(r))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "page")
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p", "Cookie", "sid=bob")                                   // bob's own entry
	get(t, hc, o.URL+"/p")                                                        // the shared copy
	get(t, hc, o.URL+"/p", "Authorization", "carol", "Cache-Control", "no-cache") // 304, no public
	n := o.hits.Load()
	if b, _ := get(t, hc, o.URL+"/p", "Cookie", "sid=bob"); o.hits.Load() != n || b != "page-of-cookie:sid=bob" {
		t.Errorf("bob's own entry went with the shared copy (got %q, %d more requests)", b, o.hits.Load()-n)
	}
	get(t, hc, o.URL+"/p")
	if o.hits.Load() == n {
		t.Error("the shared copy, fresh when the 304 said it may no longer be shared, still answered")
	}
}

// In a shared cache, must-revalidate makes a response to a request with
// Authorization every user's (RFC 9111 §3.5), but it says nothing of the
// request's other credentials: a response to a request that also carried a
// user's cookie or API key (a site behind one Basic credential, or a
// gateway's one bearer token, in front of per-user sessions) stays with
// that user, as it does when the cookie or the key comes alone. It was
// stored for every user: bob, with his own session, was answered alice's.
func TestSharedMustRevalidateWithAuthorizationAndCookieStaysWithItsUser(t *testing.T) {
	for _, other := range []string{"Cookie", "X-Api-Key"} {
		t.Run(other, func(t *testing.T) {
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", r.URL.Query().Get("cc"))
				w.Write([]byte("for " + r.Header.Get("Authorization") + " " + r.Header.Get(other)))
			})
			hc, _ := cached(o, httpcache.WithShared())
			u := o.URL + "?cc=max-age=60,must-revalidate"
			site := "Basic c2l0ZTpwdw==" // one credential for the whole site
			for i, who := range []string{"alice", "bob", "alice", "bob"} {
				got, _ := get(t, hc, u, "Authorization", site, other, who)
				if want := "for " + site + " " + who; got != want {
					t.Fatalf("%s, with their own %s, was answered %q, want %q", who, other, got, want)
				}
				if want := int64(min(i+1, 2)); o.hits.Load() != want {
					// each user's answer is stored, for that user
					t.Fatalf("after %d requests the origin saw %d, want %d", i+1, o.hits.Load(), want)
				}
			}
			// Authorization alone still makes it every user's (§3.5).
			u = o.URL + "?cc=max-age=61,must-revalidate"
			get(t, hc, u, "Authorization", "Bearer alice")
			if got, _ := get(t, hc, u, "Authorization", "Bearer bob"); got != "for Bearer alice " {
				t.Fatalf("Authorization alone: bob got %q, want the entry every user is served", got)
			}
			wantHits(t, o, 3)
		})
	}
}
