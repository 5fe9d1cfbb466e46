package store_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestPlainStreamedAnswerOverTheBoundIsNotStored: the README's promise for
// a plain http.Client ("the store writes an answer once you have read it to
// its end, or its announced length: one you close before, or one over the
// bound, is not stored"). The layer hands a plain request's body on as it
// arrives; one that turns out, as it is read, to be longer than the bound
// (middleware.DefaultMaxBodyBytes) is read whole by the caller, every byte
// intact, and is not written, whether chunked or of announced length. One
// of exactly the bound is written (the bound is inclusive), so the next GET
// is answered from the store.
func TestPlainStreamedAnswerOverTheBoundIsNotStored(t *testing.T) {
	const bound = middleware.DefaultMaxBodyBytes
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if r.URL.Query().Get("announce") == "1" {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		chunk := bytes.Repeat([]byte{'x'}, 64<<10)
		for n > 0 {
			k := min(n, len(chunk))
			w.Write(chunk[:k])
			if f, ok := w.(http.Flusher); ok {
				f.Flush() // without Content-Length: chunked, the length unknown ahead
			}
			n -= k
		}
	}))
	defer srv.Close()

	mem := store.NewMemory(store.WithMaxBytes(64 << 20))
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(srv.Client().Transport, mem, always)}

	get := func(q string, want int) *http.Response {
		t.Helper()
		resp, err := hc.Get(srv.URL + "/export?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		if err != nil || n != int64(want) {
			t.Fatalf("%s: read %d bytes, %v; want %d whole", q, n, err, want)
		}
		return resp
	}
	for _, c := range []struct {
		name     string
		q        string
		n        int
		wantHits int32 // two GETs of the same URL
	}{
		{"chunked, one byte over the bound", "announce=0", bound + 1, 2},
		{"announced, one byte over the bound", "announce=1", bound + 1, 2},
		{"chunked, exactly the bound", "announce=0", bound, 1},
	} {
		hits.Store(0)
		q := c.q + "&n=" + strconv.Itoa(c.n)
		first := get(q, c.n)
		if c.q == "announce=0" && first.ContentLength != -1 {
			t.Fatalf("%s: Content-Length %d, want a chunked answer", c.name, first.ContentLength)
		}
		get(q, c.n)
		if got := hits.Load(); got != c.wantHits {
			t.Errorf("%s: %d requests reached the server, want %d", c.name, got, c.wantHits)
		}
	}
	if entries, size := mem.Len(); entries != 1 || size < bound {
		t.Errorf("store holds %d entries, %d bytes; want the one answer of the bound's size", entries, size)
	}
}
