package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestBufferedBodyKeepsItsTrailer: a layer that reads a body whole
// (BufferBody: the store, datacheck, retry's buffered bodies) read an
// answer of announced length up to that length and no further, so the
// transport never reached the end of the stream, where HTTP/2 delivers the
// trailer fields (Content-Length and a Trailer go together in HTTP/2 alone):
// the caller of a plain http.Client got Trailer's names with no values.
// The read now goes on to the end when the answer announces a trailer.
func TestBufferedBodyKeepsItsTrailer(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		w.Header().Set("Content-Length", "7")
		io.WriteString(w, "payload")
		w.Header().Set("X-Checksum", "c0ffee")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	base := srv.Client().Transport
	accept := func(*http.Response, []byte) bool { return true }
	for name, layer := range map[string]middleware.Middleware{
		"none":      nil,
		"store":     store.Middleware(store.NewMemory()),
		"datacheck": datacheck.Middleware(datacheck.WithCheck(accept)),
		"retry":     retry.Middleware(retry.WithBufferedBodies(1 << 20)),
	} {
		hc := &http.Client{Transport: middleware.Chain(base, layer)}
		resp, err := hc.Get(srv.URL + "/doc")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(body) != "payload" || resp.ProtoMajor != 2 || resp.ContentLength != 7 {
			t.Fatalf("%s: %s, %d bytes announced, body %q, %v", name, resp.Proto, resp.ContentLength, body, err)
		}
		if got := resp.Trailer.Get("X-Checksum"); got != "c0ffee" {
			t.Errorf("%s: Trailer X-Checksum = %q, want c0ffee (Trailer %v)", name, got, resp.Trailer)
		}
	}
}
