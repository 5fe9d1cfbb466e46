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
// whole: it is stored. It was not (the entry waited for io.EOF, which such a
// caller never reads), so every such caller went to the network each time.
// One closed a byte short is not stored.
func TestPlainAnswerOfKnownLengthReadWholeIsStored(t *testing.T) {
	const doc = `{"id":7,"name":"ann"}`
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
		io.WriteString(w, doc)
	}))
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(nil, store.NewMemory(), always)}

	get := func(path string, read func(io.Reader)) {
		t.Helper()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
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
