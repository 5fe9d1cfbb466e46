package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestStoreKeysMultipartByItsData: the store keys a request with a body by
// a hash of the body's bytes, and a multipart body's bytes hold its
// boundary, random per call: the same multipart POST with UseStore never
// found the entry its previous call wrote (nor the stale fallback once every
// URL failed). The same data now keys the same entry whatever the
// boundary; other data, another.
func TestStoreKeysMultipartByItsData(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, `{"v":"1"}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	call := func(title, file string) *client.Response {
		t.Helper()
		resp, err := c.Request(context.Background(), client.Option{URL: "/q", Method: "POST",
			UseStore: true, StoreCheckKey: "v", StoreSign: "1",
			Header: http.Header{"Content-Type": {"multipart/form-data"}},
			Data:   map[string]any{"title": title, "f": encoders.File{Name: "a.txt", Reader: strings.NewReader(file)}}})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if call("t", "content").FromStore {
		t.Fatal("first call answered by the store")
	}
	if resp := call("t", "content"); !resp.FromStore || hits.Load() != 1 {
		t.Errorf("the same multipart data again: FromStore=%v, %d requests; want the stored answer", resp.FromStore, hits.Load())
	}
	for _, d := range [][2]string{{"t", "other"}, {"u", "content"}} {
		if call(d[0], d[1]).FromStore {
			t.Errorf("data %q answered by another data's entry", d)
		}
	}
}
