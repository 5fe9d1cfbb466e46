package store_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestOwnAcceptEncodingNeverAnswersAnother: in a plain http.Client, a
// request carrying its own Accept-Encoding gets the body as the origin
// coded it (net/http's transport decodes only the gzip it asked for
// itself), one without gets it decoded. With a check that lets stored data
// answer (WithCheck), a plain GET was answered with the gzip bytes, and
// Content-Encoding: gzip, that a caller asking for gzip had stored, where
// without the layer it reads the text; and the other way round. Each kind
// now has its own entry.
func TestOwnAcceptEncodingNeverAnswersAnother(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			io.WriteString(zw, "hello text")
			zw.Close()
			return
		}
		io.WriteString(w, "hello text")
	}))
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	for _, order := range [][]bool{{true, false}, {false, true}} {
		hc := &http.Client{Transport: store.New(nil, store.NewMemory(), always)}
		for _, own := range order {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/doc", nil)
			if own {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			ce := resp.Header.Get("Content-Encoding")
			if own && ce != "gzip" {
				t.Errorf("order %v, own Accept-Encoding: Content-Encoding %q, want the gzip asked for", order, ce)
			}
			if !own && (ce != "" || string(body) != "hello text") {
				t.Errorf("order %v, none: Content-Encoding %q, body %q; want the text", order, ce, body)
			}
		}
	}
}
