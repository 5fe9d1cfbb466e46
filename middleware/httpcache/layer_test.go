package httpcache_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// etagOrigin serves version v with ETag "v<n>", answering If-None-Match
// with 304 while the version is unchanged.
func etagOrigin(t *testing.T, cacheControl string, version *int) (*origin, *[]string) {
	var conds []string
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"v%d"`, *version)
		conds = append(conds, r.Header.Get("If-None-Match"))
		w.Header().Set("Cache-Control", cacheControl)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.Header().Set("X-Revalidated", "yes")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, "body v%d", *version)
	})
	return o, &conds
}

func TestETagRevalidation(t *testing.T) {
	clk := newClock()
	version := 1
	o, conds := etagOrigin(t, "max-age=10", &version)
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(11 * time.Second)
	b, resp := get(t, hc, o.URL)
	if b != "body v1" || resp.StatusCode != 200 || resp.Header.Get("X-Revalidated") != "yes" {
		t.Fatalf("after 304: %d %q X-Revalidated %q; want the stored body with the 304's headers",
			resp.StatusCode, b, resp.Header.Get("X-Revalidated"))
	}
	wantHits(t, o, 2)
	// The 304 made it fresh again for max-age.
	clk.Add(9 * time.Second)
	get(t, hc, o.URL)
	wantHits(t, o, 2)
	version = 2
	clk.Add(2 * time.Second)
	if b, _ := get(t, hc, o.URL); b != "body v2" {
		t.Fatalf("changed resource: %q, want body v2", b)
	}
	wantHits(t, o, 3)
	if want := []string{"", `"v1"`, `"v1"`}; strings.Join(*conds, ",") != strings.Join(want, ",") {
		t.Fatalf("If-None-Match sent %q, want %q", *conds, want)
	}
}

func TestLastModifiedRevalidation(t *testing.T) {
	lm := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	var ims []string
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		ims = append(ims, r.Header.Get("If-Modified-Since"))
		w.Header().Set("Cache-Control", "no-cache") // store, but always revalidate
		w.Header().Set("Last-Modified", lm)
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("doc"))
	})
	hc, _ := cached(o)
	get(t, hc, o.URL)
	if b, _ := get(t, hc, o.URL); b != "doc" {
		t.Fatalf("revalidated body %q", b)
	}
	wantHits(t, o, 2)
	if ims[1] != lm {
		t.Fatalf("If-Modified-Since %q, want %q", ims[1], lm)
	}
}

// Each fetch mode, through the per-request settings the client sets.
func TestModes(t *testing.T) {
	clk := newClock()
	version := 1
	o, conds := etagOrigin(t, "max-age=10", &version)
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	do := func(mode string) (string, *middleware.Call, error) {
		call := middleware.NewCall(middleware.Settings{Cache: mode})
		req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", o.URL, nil)
		resp, err := hc.Do(req)
		if err != nil {
			return "", call, err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b), call, nil
	}
	must := func(mode, wantBody string, wantHitsN int64, wantFromCache bool) {
		t.Helper()
		b, call, err := do(mode)
		if err != nil || b != wantBody || call.FromCache() != wantFromCache {
			t.Fatalf("%s: %q, FromCache %v, %v; want %q, FromCache %v", mode, b, call.FromCache(), err, wantBody, wantFromCache)
		}
		wantHits(t, o, wantHitsN)
	}

	if _, _, err := do("only-if-cached"); !errors.Is(err, httpcache.ErrNotCached) {
		t.Fatalf("only-if-cached on an empty cache: %v, want ErrNotCached", err)
	}
	wantHits(t, o, 0)
	must("no-store", "body v1", 1, false) // not written
	if _, _, err := do("only-if-cached"); !errors.Is(err, httpcache.ErrNotCached) {
		t.Fatalf("no-store wrote the cache: %v", err)
	}
	must("force-cache", "body v1", 2, false) // miss: the network, stored
	must("default", "body v1", 2, true)      // fresh hit
	must("no-cache", "body v1", 3, true)     // fresh, but revalidated (304)
	if (*conds)[2] != `"v1"` {
		t.Fatalf("no-cache sent If-None-Match %q", (*conds)[2])
	}
	version = 2
	must("reload", "body v2", 4, false) // no read, unconditional, writes
	if (*conds)[3] != "" {
		t.Fatalf("reload sent If-None-Match %q", (*conds)[3])
	}
	must("default", "body v2", 4, true)
	version = 3
	clk.Add(time.Hour) // very stale
	must("force-cache", "body v2", 4, true)
	must("only-if-cached", "body v2", 4, true)
	must("no-store", "body v3", 5, false)
	must("default", "body v3", 6, false) // stale: revalidated, changed
	if _, _, err := do("bogus"); !errors.Is(err, httpcache.ErrBadMode) {
		t.Fatalf("bogus mode: %v, want ErrBadMode", err)
	}
	wantHits(t, o, 6)
}

func TestVaryAcceptEncoding(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "Accept-Encoding")
		w.Write([]byte("enc=" + r.Header.Get("Accept-Encoding")))
	})
	hc, _ := cached(o)
	for i := 0; i < 2; i++ {
		for _, enc := range []string{"br", "identity"} {
			if b, _ := get(t, hc, o.URL, "Accept-Encoding", enc); b != "enc="+enc {
				t.Fatalf("Accept-Encoding %s got %q", enc, b)
			}
		}
	}
	wantHits(t, o, 2)
	// Whitespace is not a different value (RFC 9111 §4.1).
	get(t, hc, o.URL, "Accept-Encoding", " br ")
	wantHits(t, o, 2)
}

func TestAuthorizationNeverShared(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=60")
		w.Write([]byte("data of " + r.Header.Get("Authorization")))
	})
	hc, _ := cached(o)
	for i := 0; i < 2; i++ {
		for _, who := range []string{"Bearer alice", "Bearer bob", ""} {
			if b, _ := get(t, hc, o.URL, "Authorization", who); b != "data of "+who {
				t.Fatalf("as %q got %q", who, b)
			}
		}
	}
	wantHits(t, o, 3)
	// Cookies are credentials too.
	get(t, hc, o.URL, "Cookie", "session=a")
	get(t, hc, o.URL, "Cookie", "session=b")
	wantHits(t, o, 5)
}

func TestUnsafeMethodInvalidates(t *testing.T) {
	var posted string
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			b, _ := io.ReadAll(r.Body)
			posted = string(b)
			w.Header().Set("Location", "/other")
			w.WriteHeader(http.StatusCreated)
		case http.MethodGet:
			w.Header().Set("Cache-Control", "max-age=600")
			fmt.Fprintf(w, "%s has %q", r.URL.Path, posted)
		}
	})
	hc, _ := cached(o)
	get(t, hc, o.URL+"/list", "Authorization", "a")
	get(t, hc, o.URL+"/list", "Authorization", "b")
	get(t, hc, o.URL+"/other")
	wantHits(t, o, 3)
	resp, err := hc.Post(o.URL+"/list", "text/plain", strings.NewReader("new item"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// Every user's entry of /list, and /other named by Location, are gone.
	for _, who := range []string{"a", "b"} {
		if b, _ := get(t, hc, o.URL+"/list", "Authorization", who); b != `/list has "new item"` {
			t.Fatalf("after POST, /list as %s = %q", who, b)
		}
	}
	if b, _ := get(t, hc, o.URL+"/other"); b != `/other has "new item"` {
		t.Fatalf("after POST, /other = %q", b)
	}
	wantHits(t, o, 7)
	// A failed unsafe request invalidates nothing.
	o.handle = func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		w.Write([]byte("kept"))
	}
	req, _ := http.NewRequest(http.MethodDelete, o.URL+"/other", nil)
	resp, _ = hc.Do(req)
	resp.Body.Close()
	get(t, hc, o.URL+"/other")
	wantHits(t, o, 8)
}

func TestStaleIfError(t *testing.T) {
	clk := newClock()
	fail := false
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("down"))
			return
		}
		w.Header().Set("Cache-Control", "max-age=10, stale-if-error=60")
		w.Write([]byte("good"))
	})
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	fail = true
	clk.Add(30 * time.Second)
	if b, resp := get(t, hc, o.URL); b != "good" || resp.StatusCode != 200 {
		t.Fatalf("within stale-if-error: %d %q, want the stale 200", resp.StatusCode, b)
	}
	clk.Add(60 * time.Second) // 80 s stale: beyond stale-if-error
	if b, resp := get(t, hc, o.URL); b != "down" || resp.StatusCode != 503 {
		t.Fatalf("beyond stale-if-error: %d %q, want the 503", resp.StatusCode, b)
	}
	wantHits(t, o, 3)
}

func TestStaleWhileRevalidate(t *testing.T) {
	clk := newClock()
	n := 0
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=10, stale-while-revalidate=30")
		fmt.Fprintf(w, "v%d", n)
	})
	// The origin's Date follows the cache's clock: with the real one, v2
	// would be born 20s old, stale, and the last get would revalidate it
	// in the background, racing the count below.
	o.clock = clk
	hc, tr := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(20 * time.Second)
	if b, _ := get(t, hc, o.URL); b != "v1" {
		t.Fatalf("within stale-while-revalidate: %q, want the stale v1 at once", b)
	}
	tr.Wait()
	wantHits(t, o, 2)
	if b, _ := get(t, hc, o.URL); b != "v2" {
		t.Fatalf("after the background revalidation: %q, want v2", b)
	}
	tr.Wait() // a revalidation started by mistake is counted too
	wantHits(t, o, 2)
}

func TestLargeBodyPassesWholeUnstored(t *testing.T) {
	big := strings.Repeat("x", 10_000)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte(big))
	})
	hc, _ := cached(o, httpcache.WithMaxBodyBytes(1000))
	for i := 0; i < 2; i++ {
		if b, _ := get(t, hc, o.URL); b != big {
			t.Fatalf("body of %d bytes, want %d", len(b), len(big))
		}
	}
	// Each GET costs one request: the one caller takes the unbuffered body.
	wantHits(t, o, 2)
	// With reload (no sharing), it is one request each.
	call := middleware.NewCall(middleware.Settings{Cache: "reload"})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", o.URL, nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != big {
		t.Fatalf("reload body of %d bytes", len(b))
	}
	wantHits(t, o, 3)
}

func TestStorageErrorsNeverFailRequests(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte("ok"))
	})
	var seen []error
	hc, _ := cached(o, httpcache.WithStorage(brokenStore{}), httpcache.WithErrorHandler(func(err error) { seen = append(seen, err) }))
	for i := 0; i < 2; i++ {
		if b, _ := get(t, hc, o.URL); b != "ok" {
			t.Fatalf("got %q", b)
		}
	}
	wantHits(t, o, 2)
	if len(seen) == 0 {
		t.Fatal("storage errors were not reported")
	}
}

// brokenStore fails every operation.
type brokenStore struct{}

var errBroken = errors.New("storage down")

func (brokenStore) Get(context.Context, string) (store.Entry, bool, error) {
	return store.Entry{}, false, errBroken
}
func (brokenStore) Set(context.Context, string, store.Entry) error { return errBroken }
func (brokenStore) Delete(context.Context, string) error           { return errBroken }
