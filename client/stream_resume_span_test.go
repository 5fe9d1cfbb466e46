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

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A 206 whose body is longer than its Content-Range says (a Content-Length
// past the range, or a chunked body that runs on) holds bytes of no stated
// place. The resumed stream takes the range's bytes only and resumes again
// after them: the caller gets the representation byte for byte, never the
// surplus spliced in where the next bytes belong, whether or not the
// representation's length is known.
func TestStreamResume206BodyLongerThanItsRange(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	for _, c := range []struct {
		chunked bool   // the lying 206 has no Content-Length
		total   string // its Content-Range's complete length
	}{{false, "3000"}, {true, "3000"}, {true, "*"}} {
		chunked := c.chunked
		t.Run(fmt.Sprintf("chunked=%v,total=%s", c.chunked, c.total), func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				switch srv.count.Load() {
				case 1:
					if c.total == "*" { // a stream of unknown length
						io.WriteString(w, full[:1000])
						flush(w)
						panic(http.ErrAbortHandler)
					}
					cutAfter(w, full[:1000], len(full))
				case 2:
					// Claims 100 bytes, sends 500: the first 100 are
					// right, the rest are not the bytes that follow.
					from := rangeFrom(r)
					w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%s", from, from+99, c.total))
					if !chunked {
						w.Header().Set("Content-Length", "500")
					}
					w.WriteHeader(http.StatusPartialContent)
					io.WriteString(w, full[from:from+100]+strings.Repeat("X", 400))
				default:
					from := rangeFrom(r)
					w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
					w.Header().Set("Content-Length", strconv.Itoa(len(full)-from))
					w.WriteHeader(http.StatusPartialContent)
					io.WriteString(w, full[from:])
				}
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(got) != full {
				i := 0
				for i < len(got) && i < len(full) && got[i] == full[i] {
					i++
				}
				t.Fatalf("%d bytes (first difference at byte %d), err %v, %d requests; want the %d bytes in place",
					len(got), i, err, srv.count.Load(), len(full))
			}
			if n := srv.count.Load(); n != 3 {
				t.Errorf("%d requests, want 3 (resumed again after the range)", n)
			}
		})
	}
}

// A server that ignores Range answers with a 200 of the same strong ETag:
// it is read past the bytes delivered, but only up to the length the first
// answer gave. A 200 of another Content-Length is refused; one that runs
// on (chunked) past that length ends the stream with an error, never with
// the surplus appended as if it were part of the body.
func TestStreamResume200SameETagLongerRefused(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	for _, declared := range []bool{true, false} {
		t.Run(fmt.Sprintf("Content-Length=%v", declared), func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				if srv.count.Load() == 1 {
					cutAfter(w, full[:1000], len(full))
				}
				body := full + strings.Repeat("X", 2000)
				if declared {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				}
				io.WriteString(w, body)
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil || len(got) > len(full) || !strings.HasPrefix(full, string(got)) {
				t.Fatalf("%d bytes of %d, err %v; want a prefix of the body and an error", len(got), len(full), err)
			}
			if declared && (!errors.Is(err, retry.ErrResumeRefused) || len(got) != 1000) {
				t.Fatalf("%d bytes, err %v; want the first 1000 and retry.ErrResumeRefused", len(got), err)
			}
		})
	}
}
