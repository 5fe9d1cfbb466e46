package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Content-Type with RFC 2231 parameters (charset*=, charset*0=) is parsed
// lossily by mime.ParseMediaType: an extended value in a charset other than
// UTF-8 or US-ASCII is dropped, one beside a plain parameter of the same
// name replaces it, a continuation with a gap is cut. An origin that reads
// the plain parameter (most do not read RFC 2231 in a Content-Type) decodes
// such a body as another charset than the one its store key names: the
// store must not answer one of these requests with the answer to another
// Content-Type it keyed alike.
func TestStoreKeysARFC2231ContentTypeAsSpelled(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"s","as":"`+strings.ReplaceAll(r.Header.Get("Content-Type"), `"`, `'`)+`"}`)
	})
	c := client.New()
	always := func(*client.Response) bool { return true }
	for _, pair := range [][2]string{
		{"text/plain; charset=iso-8859-1", "text/plain; charset=utf-8; charset*=us-ascii''iso-8859-1"},
		{"text/plain", "text/plain; charset*=iso-8859-1''utf-8"},
		{"text/plain; charset=utf-8", "text/plain; charset*0=utf-8; charset*2=x"},
		{"text/plain; x*=utf-8''%C3%A9", "text/plain; x=\"\xc3\xa9\""},
	} {
		for _, ct := range pair {
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: "caf\xe9",
				Header: http.Header{"Content-Type": {ct}}, UseStore: true, StoreCheck: always})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := resp.Data.(map[string]any)["as"], strings.ReplaceAll(ct, `"`, `'`); got != want {
				t.Errorf("a POST sent as %q was answered with the answer to one sent as %q (from the store: %v)", ct, got, resp.FromStore)
			}
		}
	}
	// Each spelled alike again: answered from the store, as before.
	before := srv.count.Load()
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: "caf\xe9",
		Header: http.Header{"Content-Type": {"text/plain; charset*=iso-8859-1''utf-8"}}, UseStore: true, StoreCheck: always})
	if err != nil || !resp.FromStore || srv.count.Load() != before {
		t.Errorf("the same RFC 2231 Content-Type again: from the store %v, err %v; want a hit", resp != nil && resp.FromStore, err)
	}
}
