package httpcache_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The package doc: a 304 updates the entry's header fields "not
// Content-Length, the content's coding, digest and range". The digest
// kept was Content-MD5 alone: a 304's Content-Digest (RFC 9530, the
// digest of the content it carries, none) replaced the stored one, and the
// entry was served with a digest its body does not have, which a caller
// that checks it takes for a corrupt body. A selecting 304 now leaves
// Content-Digest as stored, and still updates the other fields.
func Test304KeepsContentDigest(t *testing.T) {
	clk := newClock()
	n := 0
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=10")
		w.Header().Set("ETag", `"a"`)
		w.Header().Set("X-Version", string(rune('0'+n)))
		if r.Header.Get("If-None-Match") == `"a"` {
			w.Header().Set("Content-Digest", "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:") // of no content
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Digest", "sha-256=:aNOmRQz8hGZx9hYFYP8KjDhZEF1qlnCSM0cQqTPAz4k=:") // of "body a"
		w.Write([]byte("body a"))
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL)
	clk.Add(11 * time.Second)
	b, resp := get(t, hc, o.URL)
	if h := resp.Header; b != "body a" || h.Get("X-Version") != "2" || h.Get("Content-Digest") != "sha-256=:aNOmRQz8hGZx9hYFYP8KjDhZEF1qlnCSM0cQqTPAz4k=:" {
		t.Fatalf("after a 304: %q X-Version %s Content-Digest %s; want the body's digest kept, X-Version 2", b, h.Get("X-Version"), h.Get("Content-Digest"))
	}
	wantHits(t, o, 2)
}
