package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// rangeFrom is the first byte of a "bytes=N-" Range header.
func rangeFrom(r *http.Request) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Header.Get("Range"), "bytes="), "-"))
	return n
}

// A 206 may cover less than the rest (a server that caps its ranges): the
// stream is resumed again where it ends, within the retry budget, and
// never ends short with io.EOF.
func TestStreamResumeShort206(t *testing.T) {
	full := strings.Repeat("abcdefghij", 1000)
	for _, c := range []struct {
		name     string
		capRange int // bytes per 206
		want     error
	}{
		{"resumed again", 4000, nil},                // 3000 + 4000 + 3000: two resumptions
		{"budget spent", 1000, io.ErrUnexpectedEOF}, // 3000 + 1000 + 1000, then no retry left
	} {
		t.Run(c.name, func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				if srv.count.Load() == 1 {
					cutAfter(w, full[:3000], len(full))
				}
				from := rangeFrom(r)
				to := min(from+c.capRange, len(full))
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, to-1, len(full)))
				w.WriteHeader(http.StatusPartialContent)
				io.WriteString(w, full[from:to])
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if c.want == nil {
				if err != nil || string(got) != full || srv.count.Load() != 3 {
					t.Fatalf("%d bytes of %d, %v, %d requests; want all in 3", len(got), len(full), err, srv.count.Load())
				}
				return
			}
			var se *middleware.StreamError
			if !errors.Is(err, c.want) || !errors.As(err, &se) || se.Delivered != 5000 || string(got) != full[:5000] {
				t.Fatalf("%d bytes, %v; want the 5000 bytes in place and a StreamError", len(got), err)
			}
		})
	}
}

// A server that ignores If-Range answers the Range request with a 206 of
// another representation: another ETag, another length, or (validated by
// Last-Modified) another date. The stream ends with ErrResumeRefused after
// the bytes of the first, none of the other spliced in.
func TestStreamResume206OfAnotherRepresentationRefused(t *testing.T) {
	v1, v2 := strings.Repeat("1", 1000), strings.Repeat("2", 2000)
	for _, c := range []struct {
		name, validator, value string
		other                  http.Header
		length                 int
	}{
		{"another etag", "ETag", `"v1"`, http.Header{"Etag": {`"v2"`}}, len(v1)},
		{"another length", "ETag", `"v1"`, http.Header{"Etag": {`"v1"`}}, len(v2)},
		{"no etag, another length", "ETag", `"v1"`, http.Header{}, len(v2)},
		{"another date", "Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT",
			http.Header{"Last-Modified": {"Tue, 03 Jan 2006 15:04:05 GMT"}}, len(v1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if srv.count.Load() == 1 {
					w.Header().Set(c.validator, c.value)
					cutAfter(w, v1[:100], len(v1))
				}
				for k, vs := range c.other {
					w.Header()[k] = vs
				}
				w.Header().Set("Content-Range", fmt.Sprintf("bytes 100-%d/%d", c.length-1, c.length))
				w.WriteHeader(http.StatusPartialContent)
				io.WriteString(w, v2[100:c.length])
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !errors.Is(err, retry.ErrResumeRefused) || string(got) != v1[:100] {
				t.Fatalf("%d bytes (%d of v2), %v; want v1's 100 and ErrResumeRefused", len(got), strings.Count(string(got), "2"), err)
			}
		})
	}
}

// Closing the body while its Range request is under way ends that request
// at once: the Read blocked on it returns, whatever the server does.
func TestStreamCloseEndsTheRangeRequest(t *testing.T) {
	full := strings.Repeat("x", 1000)
	release := make(chan struct{})
	defer close(release)
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if srv.count.Load() == 1 {
			cutAfter(w, full[:100], len(full))
		}
		select { // the Range request hangs until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
		Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(resp.Body, make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := resp.Body.Read(make([]byte, 100)); done <- err }()
	for srv.count.Load() < 2 {
		time.Sleep(5 * time.Millisecond) // until the Range request is under way
	}
	start := time.Now()
	resp.Body.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Read after Close returned no error")
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Read returned %v after Close", d)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Read still blocked 3s after Close")
	}
}
