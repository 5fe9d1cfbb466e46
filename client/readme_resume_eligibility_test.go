package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// README (Streaming): after the first byte only a GET whose answer has a
// strong ETag or a Last-Modified, and is not a text/event-stream, is
// resumed; anything else ends with client.ErrStreamBroken, whose
// *middleware.StreamError counts the bytes delivered, and sends nothing more.
func TestReadmeStreamResumedOnlyForAGETWithAStrongValidator(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	for _, c := range []struct {
		name, method string
		header       http.Header
	}{
		{"weak etag", "GET", http.Header{"Etag": {`W/"v1"`}}},
		// RFC 9110 §13.1.5: no date in If-Range beside an entity-tag.
		{"weak etag beside a date", "GET", http.Header{"Etag": {`W/"v1"`}, "Last-Modified": {"Mon, 02 Jan 2006 15:04:05 GMT"}}},
		{"no validator", "GET", http.Header{}},
		{"POST with a strong etag", "POST", http.Header{"Etag": {`"v1"`}}},
		{"PUT with a Last-Modified", "PUT", http.Header{"Last-Modified": {"Mon, 02 Jan 2006 15:04:05 GMT"}}},
		{"event stream with a strong etag", "GET", http.Header{"Etag": {`"v1"`}, "Content-Type": {"text/event-stream"}}},
		// RFC 9110 §14.3: the server advises against range requests.
		{"Accept-Ranges: none with a strong etag", "GET", http.Header{"Etag": {`"v1"`}, "Accept-Ranges": {"none"}}},
		{"Accept-Ranges: NONE with a strong etag", "GET", http.Header{"Etag": {`"v1"`}, "Accept-Ranges": {"NONE"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range c.header {
					w.Header()[k] = v
				}
				if r.Header.Get("Range") != "" {
					w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", rangeFrom(r), len(full)-1, len(full)))
					w.WriteHeader(http.StatusPartialContent)
					io.WriteString(w, full[rangeFrom(r):])
					return
				}
				cutAfter(w, full[:300], len(full))
			})
			resp, err := client.New(fastRetry).Request(context.Background(),
				client.Option{URL: srv.URL, Method: c.method, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			var se *middleware.StreamError
			if !errors.Is(err, client.ErrStreamBroken) || !errors.As(err, &se) || se.Delivered != 300 || string(got) != full[:300] {
				t.Fatalf("%d bytes, %v; want the 300 delivered and ErrStreamBroken", len(got), err)
			}
			if n := srv.count.Load(); n != 1 {
				t.Fatalf("%d requests; want 1, no resumption", n)
			}
		})
	}
}

// Only a strong ETag lets a 200 be read past what was delivered: a 200
// that answers a resumption validated by Last-Modified, the same date
// included, ends the stream with retry.ErrResumeRefused (a date is too
// coarse to tell two versions of the same second apart).
func TestReadmeStreamA200ValidatedByDateIsRefused(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	const date = "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", date)
		if r.Header.Get("Range") == "" {
			cutAfter(w, full[:300], len(full))
		}
		io.WriteString(w, full) // Range ignored
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	var se *middleware.StreamError
	if !errors.Is(err, retry.ErrResumeRefused) || !errors.As(err, &se) || se.Delivered != 300 || string(got) != full[:300] {
		t.Fatalf("%d bytes, %v; want the 300 delivered and ErrResumeRefused", len(got), err)
	}
}
