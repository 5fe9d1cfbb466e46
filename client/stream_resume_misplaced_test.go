package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A 206 that does not continue the body where the caller's bytes end is
// refused, none of its bytes delivered: one that starts elsewhere (the
// whole representation again from byte 0, or past the cut) would repeat or
// skip bytes; one of another complete length, or another ETag, is of
// another representation.
func TestStreamResume206ThatDoesNotContinueIsRefused(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	for _, c := range []struct {
		name, contentRange, etag, body string
	}{
		{"from byte 0", "bytes 0-999/1000", `"v1"`, full},
		{"past the cut", "bytes 400-999/1000", `"v1"`, full[400:]},
		{"another complete length", "bytes 300-499/2000", `"v1"`, full[300:500]},
		{"another etag", "bytes 300-999/1000", `"v2"`, full[300:]},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Range") == "" {
					w.Header().Set("Etag", `"v1"`)
					cutAfter(w, full[:300], len(full))
				}
				w.Header().Set("Etag", c.etag)
				w.Header().Set("Content-Range", c.contentRange)
				w.WriteHeader(http.StatusPartialContent)
				io.WriteString(w, c.body)
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !errors.Is(err, retry.ErrResumeRefused) || string(got) != full[:300] {
				t.Fatalf("%d bytes, %v; want the 300 delivered and ErrResumeRefused", len(got), err)
			}
			if n := srv.count.Load(); n != 2 {
				t.Fatalf("%d requests, want 2", n)
			}
		})
	}
}
