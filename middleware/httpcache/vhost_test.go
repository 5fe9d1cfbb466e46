package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A reverse proxy keeps the incoming Host header while its URL names the
// backend, which may serve every virtual host its own page: a shared cache
// files them apart, and an unsafe request to one host invalidates that
// host's entry only.
func TestSharedCacheKeepsVirtualHostsApart(t *testing.T) {
	var hits atomic.Int32
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "page of "+r.Host)
	}))
	defer backend.Close()
	target, _ := url.Parse(backend.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = httpcache.New(backend.Client().Transport, httpcache.WithShared())
	front := httptest.NewServer(proxy)
	defer front.Close()

	send := func(method, host string) string {
		t.Helper()
		req, _ := http.NewRequest(method, front.URL+"/account", nil)
		req.Host = host
		resp, err := front.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for _, host := range []string{"alice.example", "bob.example", "alice.example", "BOB.example"} {
		if got, want := send("GET", host), "page of "+host; got != want && got != "page of bob.example" {
			t.Fatalf("GET for %s: %q, want %q", host, got, want)
		} else if host == "bob.example" && got != "page of bob.example" {
			t.Fatalf("GET for bob.example: %q", got)
		}
	}
	if n := hits.Load(); n != 3 {
		// BOB.example is another spelling, filed apart (see
		// TestHostSpellingsABackendRoutesApartStayApart).
		t.Fatalf("the backend got %d requests, want 3 (one per host spelling, the repeat cached)", n)
	}
	send("POST", "alice.example") // invalidates alice's page only
	send("GET", "alice.example")
	send("GET", "bob.example")
	if n := hits.Load(); n != 5 {
		t.Fatalf("the backend got %d requests, want 5 (the POST, then alice's page again; bob's still cached)", n)
	}
}

// A virtual host with or without its default port is one set of entries
// (case and a trailing dot are not: see
// TestHostSpellingsABackendRoutesApartStayApart); and an absolute Location
// on the virtual host an unsafe request named is invalidated, as a
// relative one is.
func TestVirtualHostSpellingsAndLocations(t *testing.T) {
	var gets atomic.Int32
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.Header().Set("Location", "http://alice.example/items/1")
			w.WriteHeader(http.StatusCreated)
			return
		}
		gets.Add(1)
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, r.URL.Path)
	}))
	defer backend.Close()
	hc := &http.Client{Transport: httpcache.New(backend.Client().Transport, httpcache.WithShared())}
	send := func(method, host, path string) {
		t.Helper()
		req, _ := http.NewRequest(method, backend.URL+path, nil)
		req.Host = host
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	send("GET", "alice.example", "/page")
	send("GET", "alice.example:80", "/page")
	if n := gets.Load(); n != 1 {
		t.Fatalf("%d GETs reached the backend; want 1 (one host, two spellings)", n)
	}
	gets.Store(0)
	send("GET", "alice.example", "/items/1")
	send("POST", "alice.example:80", "/page") // invalidates /page and its Location, /items/1
	send("GET", "alice.example", "/page")
	send("GET", "alice.example", "/items/1")
	if n := gets.Load(); n != 3 {
		t.Fatalf("%d GETs reached the backend; want 3 (the POST invalidated both entries)", n)
	}
}

// A shared cache filed the answer to a request whose Host was spelled
// "alice.example." or "ALICE.example" as alice.example's (one host to RFC
// 9110): a backend that routes by Host, Go's ServeMux among them, sends
// those names to its catch-all, and its page, which may echo what the
// request said, answered every user of alice.example for its max-age (and
// a concurrent miss of alice.example joined its exchange). Each spelling
// now has its own entries, which an unsafe request through any spelling
// still invalidates.
func TestHostSpellingsABackendRoutesApartStayApart(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("alice.example/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "alice's site")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "default site, host "+r.Host)
	})
	backend := httptest.NewServer(mux)
	defer backend.Close()
	target, _ := url.Parse(backend.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = httpcache.New(backend.Client().Transport, httpcache.WithShared())
	front := httptest.NewServer(proxy)
	defer front.Close()
	send := func(host string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", front.URL+"/", nil)
		req.Host = host
		resp, err := front.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for _, attacker := range []string{"alice.example.", "ALICE.example"} {
		send(attacker)
		for _, host := range []string{"alice.example", "alice.example:80"} {
			if got := send(host); got != "alice's site" {
				t.Errorf("after %s, %s was answered %q", attacker, host, got)
			}
		}
		if got := send(attacker); got != "default site, host "+attacker {
			t.Errorf("%s was answered %q", attacker, got)
		}
	}
}

// A layer below that spells the Host its own way ("ALICE.EXAMPLE" for
// "alice.example") sends the request to another virtual host, as a backend
// that routes by Host takes it: its answer is not filed as the spelling
// the request had here. (The check below compared hosts as one host to
// RFC 9110, case and a trailing dot aside, and filed the default site's
// page for every user of alice.example.)
func TestLayerBelowRespellingTheHostIsNotFiledAsTheRequests(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("alice.example/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "alice's site")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "default site, host "+r.Host)
	})
	backend := httptest.NewServer(mux)
	defer backend.Close()
	respell := map[string]func(string) string{
		"upper":        strings.ToUpper,
		"trailing dot": func(h string) string { return h + "." },
	}
	for name, spell := range respell {
		below := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if r.Header.Get("X-Respell") != "" {
				r = r.Clone(r.Context())
				r.Host = spell(r.Host)
			}
			return backend.Client().Transport.RoundTrip(r)
		})
		hc := &http.Client{Transport: httpcache.New(below, httpcache.WithShared())}
		send := func(respelled bool) string {
			t.Helper()
			req, _ := http.NewRequest("GET", backend.URL+"/", nil)
			req.Host = "alice.example"
			if respelled {
				req.Header.Set("X-Respell", "1")
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		send(true)
		if got := send(false); got != "alice's site" {
			t.Errorf("%s: after a request a layer below respelled, alice.example was answered %q", name, got)
		}
	}
}
