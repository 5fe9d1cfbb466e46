package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A body cut short is resumed only by bytes of its own content coding: a
// server that answers the Range request (206), or ignores it (200), with
// the same strong ETag but gzip-coded bytes where the first answer was not
// coded (RFC 9110 §8.8.1 forbids it, a misconfigured CDN does it) is
// refused, never spliced into the body.
func TestStreamResumeOfAnotherContentCodingRefused(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	io.WriteString(zw, full)
	zw.Close()
	for _, status := range []int{http.StatusPartialContent, http.StatusOK} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				if srv.count.Load() == 1 {
					cutAfter(w, full[:1000], len(full))
				}
				w.Header().Set("Content-Encoding", "gzip")
				// Coded bytes padded to the length the identity body has, so
				// that only their coding tells them apart.
				body := bytes.Clone(zipped.Bytes())
				want := len(full)
				if status == http.StatusPartialContent {
					body = body[min(1000, len(body)):]
					w.Header().Set("Content-Range", fmt.Sprintf("bytes 1000-%d/%d", len(full)-1, len(full)))
					want = len(full) - 1000
				}
				body = append(body, bytes.Repeat([]byte{0}, want-len(body))...)
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				w.WriteHeader(status)
				w.Write(body)
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
				Header: http.Header{"Accept-Encoding": {"identity"}}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !errors.Is(err, retry.ErrResumeRefused) || string(got) != full[:1000] {
				t.Fatalf("%d bytes (a prefix of the body: %v), err %v; want the first 1000 and retry.ErrResumeRefused",
					len(got), strings.HasPrefix(full, string(got)), err)
			}
		})
	}
}
