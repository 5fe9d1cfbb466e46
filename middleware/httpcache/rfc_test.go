package httpcache_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// RFC 9111 §5.2.2.3: a response with must-understand and a status code the
// cache does not understand is not stored; with a status it understands,
// must-understand overrides no-store.
func TestMustUnderstand(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/599":
			w.Header().Set("Cache-Control", "max-age=3600, must-understand")
			w.WriteHeader(599)
		case "/200":
			w.Header().Set("Cache-Control", "max-age=3600, must-understand, no-store")
		}
		w.Write([]byte("x"))
	})
	hc, _ := cached(o)
	for i := 0; i < 2; i++ {
		if _, resp := get(t, hc, o.URL+"/599"); resp.StatusCode != 599 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	wantHits(t, o, 2) // not stored: 599 is not understood
	get(t, hc, o.URL+"/200")
	get(t, hc, o.URL+"/200")
	wantHits(t, o, 3) // stored: 200 is understood, no-store ignored
}

// RFC 9111 §4.3.4: a 304 whose strong validator is not the stored one's
// selects no stored response, and updates nothing: neither its header
// fields nor its freshness.
func Test304WithOtherStrongETagUpdatesNothing(t *testing.T) {
	clk := newClock()
	n := 0
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=10")
		if n == 1 {
			w.Header().Set("ETag", `"a"`)
			w.Header().Set("X-Version", "1")
			w.Write([]byte("body a"))
			return
		}
		w.Header().Set("ETag", `"b"`)
		w.Header().Set("X-Version", "2")
		w.WriteHeader(http.StatusNotModified)
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(11 * time.Second)
	b, resp := get(t, hc, o.URL)
	if b != "body a" || resp.StatusCode != 200 || resp.Header.Get("ETag") != `"a"` || resp.Header.Get("X-Version") != "1" {
		t.Fatalf("after a 304 for another ETag: %d %q ETag %s X-Version %s; want the stored response as it was",
			resp.StatusCode, b, resp.Header.Get("ETag"), resp.Header.Get("X-Version"))
	}
	wantHits(t, o, 2)
	get(t, hc, o.URL) // not refreshed either: still stale, revalidated again
	wantHits(t, o, 3)
}

// RFC 9111 §3.2: a selecting 304 updates the stored header fields, but not
// those the stored content depends on (Content-MD5, Content-Range, and RFC
// 9530's Content-Digest: a 304's is the digest of the content it carries,
// none, and served with the stored body it reads as a corrupt one) nor
// Content-Length.
func Test304KeepsContentMetadata(t *testing.T) {
	clk := newClock()
	n := 0
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=10")
		w.Header().Set("ETag", `"a"`)
		w.Header().Set("X-Version", string(rune('0'+n)))
		w.Header().Set("Content-MD5", string(rune('0'+n)))
		w.Header().Set("Content-Range", "bytes 0-5/"+string(rune('5'+n)))
		w.Header().Set("Content-Digest", "sha-256=:"+string(rune('0'+n))+":")
		if r.Header.Get("If-None-Match") == `"a"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("body a"))
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(11 * time.Second)
	b, resp := get(t, hc, o.URL)
	h := resp.Header
	if b != "body a" || h.Get("X-Version") != "2" || h.Get("Content-MD5") != "1" || h.Get("Content-Range") != "bytes 0-5/6" ||
		h.Get("Content-Digest") != "sha-256=:1:" {
		t.Fatalf("after a 304: %q X-Version %s Content-MD5 %s Content-Range %s Content-Digest %s; want 2, 1, bytes 0-5/6, sha-256=:1:",
			b, h.Get("X-Version"), h.Get("Content-MD5"), h.Get("Content-Range"), h.Get("Content-Digest"))
	}
	get(t, hc, o.URL) // refreshed: fresh for max-age again
	wantHits(t, o, 2)
}

// RFC 9111 §5.1: a list-valued Age ("7200, 0") is not read as 0; an Age the
// cache cannot read makes the response stale (it is revalidated) instead
// of fresh for its whole max-age.
func TestUnreadableAgeIsStale(t *testing.T) {
	for _, age := range [][]string{{"7200,0"}, {"7200, 0"}, {"7200", "0"}, {"abc"}, {"-7200"}, {"7200.0"}, {"7200;foo=1"}} {
		o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "max-age=3600")
			w.Header()["Age"] = age
			w.Write([]byte("x"))
		})
		hc, _ := cached(o)
		get(t, hc, o.URL)
		get(t, hc, o.URL)
		if got := o.hits.Load(); got != 2 {
			t.Errorf("Age %q: the origin saw %d requests, want 2 (the stored response is stale)", age, got)
		}
	}
	// A single valid Age still counts as it says.
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Header().Set("Age", "60")
		w.Write([]byte("x"))
	})
	hc, _ := cached(o)
	get(t, hc, o.URL)
	if _, resp := get(t, hc, o.URL); resp.Header.Get("Age") != "60" {
		t.Fatalf("Age %q, want 60", resp.Header.Get("Age"))
	}
	wantHits(t, o, 1)
}
