package httpcache_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

func TestMaxAgeExpiresWithClock(t *testing.T) {
	clk := newClock()
	n := 0
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprintf(w, "v%d", n)
	})
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	if b, _ := get(t, hc, o.URL); b != "v1" {
		t.Fatalf("first = %q", b)
	}
	clk.Add(59 * time.Second)
	b, resp := get(t, hc, o.URL)
	if b != "v1" || resp.Header.Get("Age") != "59" {
		t.Fatalf("at 59s: %q Age %q, want v1 from cache with Age 59", b, resp.Header.Get("Age"))
	}
	wantHits(t, o, 1)
	clk.Add(2 * time.Second)
	if b, _ := get(t, hc, o.URL); b != "v2" {
		t.Fatalf("at 61s: %q, want v2 from the origin", b)
	}
	wantHits(t, o, 2)
}

func TestAgeHeaderCountsTowardsFreshness(t *testing.T) {
	clk := newClock()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=100")
		w.Header().Set("Age", "90") // an upstream cache held it 90 s already
		w.Write([]byte("x"))
	})
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(9 * time.Second)
	get(t, hc, o.URL)
	wantHits(t, o, 1)
	clk.Add(2 * time.Second) // 90 + 11 > 100
	get(t, hc, o.URL)
	wantHits(t, o, 2)
}

func TestExpiresAndHeuristicFreshness(t *testing.T) {
	clk := newClock()
	date := clk.Now()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", date.UTC().Format(http.TimeFormat))
		switch r.URL.Path {
		case "/expires":
			w.Header().Set("Expires", date.Add(30*time.Second).UTC().Format(http.TimeFormat))
		case "/heuristic": // modified 1000 s before Date: fresh for 100 s
			w.Header().Set("Last-Modified", date.Add(-1000*time.Second).UTC().Format(http.TimeFormat))
		case "/expired":
			w.Header().Set("Expires", "0")
		}
		w.Write([]byte(r.URL.Path))
	})
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	for _, p := range []string{"/expires", "/heuristic", "/expired"} {
		get(t, hc, o.URL+p)
	}
	wantHits(t, o, 3)
	clk.Add(29 * time.Second)
	get(t, hc, o.URL+"/expires")
	get(t, hc, o.URL+"/heuristic")
	wantHits(t, o, 3)
	get(t, hc, o.URL+"/expired") // "Expires: 0" is already stale, no validator
	wantHits(t, o, 4)
	clk.Add(2 * time.Second)
	get(t, hc, o.URL+"/expires")
	wantHits(t, o, 5)
	clk.Add(70 * time.Second) // 101 s
	get(t, hc, o.URL+"/heuristic")
	// Stale now; it has Last-Modified, so this was a conditional request.
	wantHits(t, o, 6)
}

func TestNotStored(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/no-store":
			w.Header().Set("Cache-Control", "no-store, max-age=60")
		case "/vary-star":
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("Vary", "*")
		case "/created": // 201 is not heuristically cacheable
			w.WriteHeader(http.StatusCreated)
		}
		w.Write([]byte("x"))
	})
	hc, _ := cached(o)
	for _, p := range []string{"/no-store", "/vary-star", "/created"} {
		get(t, hc, o.URL+p)
		get(t, hc, o.URL+p)
	}
	wantHits(t, o, 6)
	// The request's own no-store keeps a cacheable response out too.
	o2 := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte("y"))
	})
	hc2, _ := cached(o2)
	get(t, hc2, o2.URL, "Cache-Control", "no-store")
	get(t, hc2, o2.URL)
	wantHits(t, o2, 2)
}
