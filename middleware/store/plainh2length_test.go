package store_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestPlainHTTP2AnswerOfKnownLengthReadWholeIsStored: over HTTP/2 the
// transport says io.EOF only on the read after the last byte of an answer
// of announced length (the server ends the stream with a frame of its
// own), a read a json.Decoder never makes: a plain http.Client's caller
// that decoded the whole answer and closed it had nothing stored, and went
// to the network every time, where over HTTP/1 (io.EOF with the last byte)
// the same caller is answered from the store. The entry is now written
// once the announced length has been read. One closed a byte short is
// still not stored.
func TestPlainHTTP2AnswerOfKnownLengthReadWholeIsStored(t *testing.T) {
	const doc = `{"id":7,"name":"ann"}`
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
		io.WriteString(w, doc)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(srv.Client().Transport, store.NewMemory(), always)}

	get := func(path string, read func(io.Reader)) {
		t.Helper()
		before := hits.Load()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		if hits.Load() > before && (resp.ProtoMajor != 2 || resp.ContentLength != int64(len(doc))) {
			// (The network's answer; one from the store is HTTP/1.1.)
			t.Fatalf("%s, %d bytes announced: not an HTTP/2 answer of known length", resp.Proto, resp.ContentLength)
		}
		read(resp.Body)
		resp.Body.Close()
	}
	decode := func(r io.Reader) {
		var v struct{ ID int }
		if err := json.NewDecoder(r).Decode(&v); err != nil || v.ID != 7 {
			t.Fatalf("decode: %+v, %v", v, err)
		}
	}
	get("/whole", decode)
	get("/whole", decode)
	if n := hits.Load(); n != 1 {
		t.Errorf("HTTP/2, read whole by a json.Decoder: %d requests reached the server, want 1 (the second from the store)", n)
	}

	hits.Store(0)
	short := func(r io.Reader) { io.ReadFull(r, make([]byte, len(doc)-1)) }
	get("/short", short)
	get("/short", short)
	if n := hits.Load(); n != 2 {
		t.Errorf("HTTP/2, closed a byte short: %d requests reached the server, want 2 (nothing stored)", n)
	}
}
