package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README (Streaming): with EnableChunked the HTTP cache is bypassed: a
// streamed GET neither answers from a fresh entry nor writes one.
func TestReadmeStreamBypassesTheHTTPCache(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "body of "+r.URL.Path)
	})
	c := client.New(client.WithHTTPCache())
	ctx := context.Background()
	get := func(path string, streamed bool) *client.Response {
		t.Helper()
		resp, err := c.Request(ctx, client.Option{URL: srv.URL + path, EnableChunked: streamed})
		if err != nil {
			t.Fatal(err)
		}
		if streamed {
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(b) != "body of "+path {
				t.Fatalf("%s streamed: %q, %v", path, b, err)
			}
		}
		return resp
	}
	get("/a", false)
	if r := get("/a", false); !r.FromCache || srv.count.Load() != 1 {
		t.Fatalf("the cache did not answer the second buffered GET (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
	if r := get("/a", true); r.FromCache || srv.count.Load() != 2 {
		t.Fatalf("a streamed GET was answered by the cache (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
	get("/b", true)
	if r := get("/b", false); r.FromCache || srv.count.Load() != 4 {
		t.Fatalf("a streamed GET wrote the cache (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
}
