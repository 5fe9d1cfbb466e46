package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The caller's own If-None-Match / If-Modified-Since are answered from a
// fresh entry: 304 with the entry's validators when they match (If-None-Match
// first), the entry otherwise.
func TestAnswersCallersConditionals(t *testing.T) {
	lm := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", lm)
		w.Write([]byte("doc"))
	})
	hc, _ := cached(o)
	get(t, hc, o.URL)
	for _, c := range []struct {
		kv     []string
		status int
		body   string
	}{
		{[]string{"If-None-Match", `"v1"`}, 304, ""},
		{[]string{"If-None-Match", `"x", W/"v1"`}, 304, ""}, // weak comparison, a list
		{[]string{"If-None-Match", `"v0"`}, 200, "doc"},
		// If-None-Match takes precedence over a matching If-Modified-Since.
		{[]string{"If-None-Match", `"v0"`, "If-Modified-Since", time.Now().UTC().Format(http.TimeFormat)}, 200, "doc"},
		{[]string{"If-Modified-Since", time.Now().UTC().Format(http.TimeFormat)}, 304, ""},
		{[]string{"If-Modified-Since", time.Now().Add(-2 * time.Hour).UTC().Format(http.TimeFormat)}, 200, "doc"},
	} {
		b, resp := get(t, hc, o.URL, c.kv...)
		if resp.StatusCode != c.status || b != c.body {
			t.Errorf("%q: %d %q, want %d %q", c.kv, resp.StatusCode, b, c.status, c.body)
		}
		if c.status == 304 && (resp.Header.Get("ETag") != `"v1"` || resp.Header.Get("Age") == "") {
			t.Errorf("%q: 304 without the entry's ETag and Age: %v", c.kv, resp.Header)
		}
	}
	wantHits(t, o, 1)
}

// A single byte range is cut from a stored complete response; anything
// else goes to the origin untouched.
func TestRangeFromStoredResponse(t *testing.T) {
	var ranges []string
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		ranges = append(ranges, r.Header.Get("Range"))
		w.Header().Set("Cache-Control", "max-age=600")
		w.Write([]byte("0123456789"))
	})
	hc, _ := cached(o)
	get(t, hc, o.URL)
	for spec, want := range map[string]string{"bytes=0-1": "01", "bytes=5-": "56789", "bytes=-3": "789", "bytes=8-100": "89"} {
		b, resp := get(t, hc, o.URL, "Range", spec)
		if resp.StatusCode != http.StatusPartialContent || b != want || resp.ContentLength != int64(len(want)) {
			t.Errorf("%s: %d %q (length %d), want 206 %q", spec, resp.StatusCode, b, resp.ContentLength, want)
		}
	}
	_, resp := get(t, hc, o.URL, "Range", "bytes=2-4")
	if cr := resp.Header.Get("Content-Range"); cr != "bytes 2-4/10" {
		t.Errorf("Content-Range %q", cr)
	}
	wantHits(t, o, 1)
	get(t, hc, o.URL, "Range", "bytes=0-1,4-5")
	get(t, hc, o.URL, "Range", "bytes=20-")
	wantHits(t, o, 3)
	if ranges[1] != "bytes=0-1,4-5" || ranges[2] != "bytes=20-" {
		t.Fatalf("ranges sent on: %q", ranges)
	}
}

// HEAD is answered from a stored GET response, with its header fields and
// no body; a HEAD that misses goes to the origin and stores nothing.
func TestHeadFromStoredGet(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("X-Method", r.Method)
		w.Write([]byte("payload"))
	})
	hc, _ := cached(o)
	head := func() *http.Response {
		resp, err := hc.Head(o.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) != 0 {
			t.Fatalf("HEAD body %q", b)
		}
		return resp
	}
	if resp := head(); resp.Header.Get("X-Method") != "HEAD" {
		t.Fatalf("HEAD miss answered by %s", resp.Header.Get("X-Method"))
	}
	get(t, hc, o.URL) // the HEAD stored nothing
	wantHits(t, o, 2)
	resp := head()
	if resp.Header.Get("X-Method") != "GET" || resp.ContentLength != 7 || resp.Header.Get("Age") == "" {
		t.Fatalf("HEAD hit: X-Method %s, length %d, Age %q", resp.Header.Get("X-Method"), resp.ContentLength, resp.Header.Get("Age"))
	}
	wantHits(t, o, 2)
}

// closingOrigin answers "v1" with cacheControl first, then closes every
// connection without a response.
func closingOrigin(t *testing.T, cacheControl string) *origin {
	var o *origin
	o = newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if o.hits.Load() > 1 {
			c, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				c.Close()
			}
			return
		}
		w.Header().Set("Cache-Control", cacheControl)
		w.Write([]byte("v1"))
	})
	return o
}

// An origin that cannot be reached is answered by the stale entry (RFC
// 9111 §4.2.4), marked with Cache-Status; not under must-revalidate,
// proxy-revalidate or no-cache, nor when the caller asked to revalidate.
func TestStaleWhenOriginUnreachable(t *testing.T) {
	clk := newClock()
	o := closingOrigin(t, "max-age=10")
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	call := middleware.NewCall(middleware.Settings{})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", o.URL, nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	call = middleware.NewCall(middleware.Settings{})
	req = req.WithContext(middleware.WithCall(context.Background(), call))
	clk.Add(time.Hour)
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatalf("closed connection: %v, want the stale entry", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	why, stale := httpcache.ServedStale(resp)
	if string(b) != "v1" || !stale || why != httpcache.DetailUnreachable || !call.FromCache() {
		t.Fatalf("%q, stale %v %q, FromCache %v, Cache-Status %q", b, stale, why, call.FromCache(), resp.Header.Values("Cache-Status"))
	}
	if cs := resp.Header.Get("Cache-Status"); cs != "taroreq; hit; ttl=-3590; detail=origin-unreachable" {
		t.Errorf("Cache-Status %q", cs)
	}
	if ev := call.Events(); len(ev) != 1 || ev[0].Err == nil {
		t.Errorf("events %+v, want one cache hit with the cause", ev)
	}
	// The caller asked to revalidate: the failure is its answer.
	if _, err := hc.Do(withHeader(req, "Cache-Control", "no-cache")); err == nil {
		t.Fatal("no-cache request: a stale answer, want the error")
	}
	// Connection refused: stale again.
	o.Close()
	if resp, err = hc.Do(req); err != nil {
		t.Fatalf("refused: %v, want the stale entry", err)
	}
	resp.Body.Close()

	for _, cc := range []string{"max-age=10, must-revalidate", "max-age=10, proxy-revalidate", "max-age=10, no-cache"} {
		o := closingOrigin(t, cc)
		hc, _ := cached(o, httpcache.WithClock(clk.Now))
		get(t, hc, o.URL)
		clk.Add(time.Hour)
		resp, err := hc.Get(o.URL)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: served stale, want the error", cc)
		}
	}
}

func withHeader(req *http.Request, k, v string) *http.Request {
	r := req.Clone(req.Context())
	r.Header.Set(k, v)
	return r
}
