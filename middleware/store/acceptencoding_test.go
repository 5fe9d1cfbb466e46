package store_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
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

// TestOwnAcceptEncodingKeyIsStable: a plain http.Client's request whose
// header map holds Accept-Encoding under two spellings (net/http sends
// both) is keyed the same every time: the key took the spellings in the
// map's order, which Go varies from one iteration to the next, so the same
// request found its own entry about one time in two and wrote another.
func TestOwnAcceptEncodingKeyIsStable(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "hello")
	}))
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(nil, store.NewMemory(), always)}
	for range 20 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/doc", nil)
		req.Header["Accept-Encoding"] = []string{"identity"}
		req.Header["accept-encoding"] = []string{"br"}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("%d of 20 identical requests reached the server, want 1 (the others from the store)", n)
	}
}
