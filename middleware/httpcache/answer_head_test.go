package httpcache_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// A HEAD with the caller's own If-None-Match or If-Modified-Since that
// selects a fresh entry is answered 304, as a GET's is and as the origin
// would answer it (RFC 9110 §13.1.2, §13.1.3): it was answered 200 with the
// entry's fields, so a caller checking with a cheap HEAD whether its copy
// is current was told it changed. Found with go-httpbin's
// /response-headers (max-age, ETag) and a HEAD carrying its ETag. One
// that does not match is still the entry's header, with its length.
func TestHeadWithCallersConditionalsIsAnswered304(t *testing.T) {
	lm := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", lm)
		w.Write([]byte("document"))
	})
	hc, _ := cached(o)
	get(t, hc, o.URL)
	head := func(kv ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodHead, o.URL, nil)
		for i := 0; i+1 < len(kv); i += 2 {
			req.Header.Set(kv[i], kv[i+1])
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, c := range []struct {
		kv     []string
		status int
	}{
		{[]string{"If-None-Match", `"v1"`}, 304},
		{[]string{"If-None-Match", `"x", W/"v1"`}, 304},
		{[]string{"If-Modified-Since", time.Now().UTC().Format(http.TimeFormat)}, 304},
		{[]string{"If-None-Match", `"v0"`}, 200},
		{[]string{"If-Modified-Since", time.Now().Add(-2 * time.Hour).UTC().Format(http.TimeFormat)}, 200},
		{nil, 200},
	} {
		resp := head(c.kv...)
		if resp.StatusCode != c.status {
			t.Errorf("HEAD %q: %d, want %d", c.kv, resp.StatusCode, c.status)
		}
		if c.status == 304 && resp.Header.Get("ETag") != `"v1"` {
			t.Errorf("HEAD %q: 304 without the entry's ETag: %v", c.kv, resp.Header)
		}
		if c.status == 200 && resp.ContentLength != int64(len("document")) {
			t.Errorf("HEAD %q: Content-Length %d, want the entry's %d", c.kv, resp.ContentLength, len("document"))
		}
	}
	wantHits(t, o, 1)
}
