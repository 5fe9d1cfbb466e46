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

// TestPlainAnswerOfKnownLengthReadWholeIsStored: a plain http.Client's
// caller that reads an answer of announced length to its last byte, as a
// json.Decoder does, and closes it without asking for io.EOF has read it
// whole: it is stored. Over HTTP/1 net/http says io.EOF with the last byte;
// over HTTP/2 only on the read after it (the server ends the stream with a
// frame of its own), which such a caller never makes, so nothing was
// stored and it went to the network every time: the entry is now written
// once the announced length has been read. One closed a byte short is
// not stored.
func TestPlainAnswerOfKnownLengthReadWholeIsStored(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		t.Run(map[bool]string{false: "HTTP/1.1", true: "HTTP/2"}[h2], func(t *testing.T) { knownLengthReadWholeIsStored(t, h2) })
	}
}

func knownLengthReadWholeIsStored(t *testing.T, h2 bool) {
	const doc = `{"id":7,"name":"ann"}`
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
		io.WriteString(w, doc)
	}))
	if h2 {
		srv.EnableHTTP2 = true
		srv.StartTLS()
	} else {
		srv.Start()
	}
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
		if hits.Load() > before && ((resp.ProtoMajor == 2) != h2 || resp.ContentLength != int64(len(doc))) {
			// (The network's answer; one from the store is HTTP/1.1.)
			t.Fatalf("%s, %d bytes announced: not the answer of known length asked for", resp.Proto, resp.ContentLength)
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
		t.Errorf("read whole by a json.Decoder: %d requests reached the server, want 1 (the second from the store)", n)
	}

	hits.Store(0)
	short := func(r io.Reader) { io.ReadFull(r, make([]byte, len(doc)-1)) }
	get("/short", short)
	get("/short", short)
	if n := hits.Load(); n != 2 {
		t.Errorf("closed a byte short: %d requests reached the server, want 2 (nothing stored)", n)
	}
}
