package httpcache_test

import (
	"net/http"
	"strings"
	"testing"
)

// The package doc: a successful unsafe request invalidates the entries
// "of its Location and Content-Location on the same host (RFC 9111 §4.4)".
// TestUnsafeMethodInvalidates holds Location; no test held Content-Location
// (dropped from the headers read, the package passed), nor the host rule
// (§4.4: a cache MUST NOT invalidate a URI with another host, which another
// origin's answer could then empty at will). A POST answered with a
// Content-Location on its host and a Location on another invalidates the
// first and leaves the second's entry.
func TestUnsafeMethodInvalidatesContentLocationOnItsHostOnly(t *testing.T) {
	var far *origin
	handle := func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.Header().Set("Content-Location", "/summary")
			w.Header().Set("Location", far.URL+"/elsewhere")
			w.WriteHeader(http.StatusCreated)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		w.Write([]byte(r.URL.Path))
	}
	near := newOrigin(t, handle)
	far = newOrigin(t, handle)
	hc, _ := cached(near)
	get(t, hc, near.URL+"/summary")
	get(t, hc, far.URL+"/elsewhere")
	get(t, hc, near.URL+"/summary")
	get(t, hc, far.URL+"/elsewhere")
	wantHits(t, near, 1)
	wantHits(t, far, 1)
	resp, err := hc.Post(near.URL+"/items", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get(t, hc, near.URL+"/summary")
	wantHits(t, near, 3) // the POST, and /summary again: its entry was invalidated
	get(t, hc, far.URL+"/elsewhere")
	wantHits(t, far, 1) // another host's entry stays
}
