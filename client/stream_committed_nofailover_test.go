package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
)

// The spec (Retry): "Once a streamed body (EnableChunked) has handed its
// first byte to the caller, the request is committed: no retry, no
// failover (a GET with a validator may resume with Range/If-Range)." A
// stream that breaks after its first byte never reaches the backup: not
// without a validator (no resume), nor with one whose resumptions fail.
func TestCommittedStreamNeverFailsOver(t *testing.T) {
	for _, tc := range []struct {
		name string
		etag string
	}{{"no validator", ""}, {"validator, resumption fails", `"v1"`}} {
		t.Run(tc.name, func(t *testing.T) {
			primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Range") != "" {
					w.WriteHeader(http.StatusServiceUnavailable) // the resumption fails
					return
				}
				if tc.etag != "" {
					w.Header().Set("ETag", tc.etag)
				}
				cutAfter(w, "01234", 10)
			})
			second := faultserver.New(t, faultserver.OK("0123456789"))
			resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL, EnableChunked: true,
				Backup: []string{second.URL}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(got) != "01234" || err == nil {
				t.Fatalf("read %q, err %v; want the 5 bytes, then an error", got, err)
			}
			var se *middleware.StreamError
			if tc.etag == "" && (!errors.As(err, &se) || se.Delivered != 5) {
				t.Errorf("err %v; want a StreamError counting 5 bytes", err)
			}
			if second.Count() != 0 {
				t.Errorf("the backup got %d requests after the stream was committed", second.Count())
			}
			if tc.etag == "" && primary.Count() != 1 {
				t.Errorf("the primary got %d requests; a committed stream without a validator is not sent again", primary.Count())
			}
		})
	}
}
