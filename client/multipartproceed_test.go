package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// pipeLike is a reader not in memory (as a file or a socket is).
type pipeLike struct{ r io.Reader }

func (p *pipeLike) Read(b []byte) (int, error) { return p.r.Read(b) }

// TestMultipartFileSentWholeOnEveryProceed: an interceptor that proceeds
// again with the same Option (a token refresh after a 401) re-encodes its
// Data. A multipart File's Reader, read by the first send, then gave
// nothing: the second request went out with the file part empty, the call
// succeeding with the content lost. Every send carries the bytes the first
// read, as for an io.Reader Data.
func TestMultipartFileSentWholeOnEveryProceed(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var file string
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for _, fh := range r.MultipartForm.File["f"] {
				f, _ := fh.Open()
				b, _ := io.ReadAll(f)
				f.Close()
				file += string(b)
			}
			r.MultipartForm.RemoveAll()
		}
		mu.Lock()
		got = append(got, file)
		mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer fresh" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	refresh := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err != nil || resp.StatusCode != http.StatusUnauthorized {
			return resp, err
		}
		h := http.Header{"Authorization": {"Bearer fresh"}}
		for k, v := range opt.Header {
			h[k] = v
		}
		opt.Header = h
		return proceed(ctx, opt)
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(refresh))
	for name, rd := range map[string]io.Reader{
		"in memory":     strings.NewReader("FILE-CONTENT"),
		"not in memory": &pipeLike{strings.NewReader("FILE-CONTENT")},
	} {
		got = nil
		resp, err := c.Request(context.Background(), client.Option{URL: "/up", Method: "POST",
			Header: http.Header{"Content-Type": {"multipart/form-data"}},
			Data:   map[string]any{"title": "t", "f": encoders.File{Name: "a.txt", Reader: rd}}})
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v, %v", name, resp, err)
		}
		if len(got) != 2 || got[0] != "FILE-CONTENT" || got[1] != "FILE-CONTENT" {
			t.Errorf("%s: the server got the file as %q, want it whole twice", name, got)
		}
	}
}
