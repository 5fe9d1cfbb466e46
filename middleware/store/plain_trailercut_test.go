package store_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestPlainAnswerWhoseTrailerNeverCameIsNotStored: an HTTP/2 answer of
// announced length that announces a trailer (a checksum, a gRPC-style
// status) and whose stream is then reset before the trailer comes did not
// arrive whole: the caller's read to its end fails. The store wrote it
// once the announced length had been read, before the trailer, so the
// broken answer was served from the store to the next request with
// err == nil. An answer that announces a trailer is now written at io.EOF
// only (when the trailer has come); one whose trailer comes is stored.
func TestPlainAnswerWhoseTrailerNeverCameIsNotStored(t *testing.T) {
	const doc = `{"id":7,"name":"ann"}`
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		w.Header().Set("Trailer", "Checksum")
		w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
		io.WriteString(w, doc)
		w.(http.Flusher).Flush()
		if r.URL.Path == "/cut" && n == 1 {
			panic(http.ErrAbortHandler) // RST_STREAM: no trailer, no end of stream
		}
		w.Header().Set("Checksum", "ok")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(srv.Client().Transport, store.NewMemory(), always)}

	get := func(path string) (string, http.Header, error) {
		t.Helper()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), resp.Trailer, err
	}

	if _, _, err := get("/cut"); err == nil {
		t.Fatal("first read of the cut stream: err nil, want the reset")
	}
	before := hits.Load()
	body, tr, err := get("/cut")
	if hits.Load() == before {
		t.Errorf("after a stream reset before its trailer: answered from the store (%q, trailer %v, err %v), want the network", body, tr, err)
	}
	if err != nil || body != doc || tr.Get("Checksum") != "ok" {
		t.Errorf("second request: %q, trailer %v, err %v; want the whole answer and its trailer", body, tr, err)
	}

	hits.Store(0)
	get("/whole")
	get("/whole")
	if n := hits.Load(); n != 1 {
		t.Errorf("whole answer with its trailer, read to io.EOF: %d requests reached the server, want 1 (stored)", n)
	}
}
