package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// If-Range needs a strong validator (RFC 9110 §13.1.5): a well-formed
// entity-tag that is not weak, or, for an answer that names no entity-tag,
// a Last-Modified strong by §8.8.2.2. An ETag that is weak or no
// entity-tag (go-httpbin's unquoted `ETag: range100000`, a list) promises
// nothing, so it validates nothing, and the date beside it may not be
// sent: the stream is not resumed. An empty ETag field names none. Each case
// runs against a server that evaluates If-Range as net/http's ServeContent
// does and against one that ignores Range and sends the whole body again:
// the caller gets the whole body or a prefix of it, never bytes twice.
func TestStreamResumeValidators(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	const lm = "Mon, 02 Jan 2006 15:04:05 GMT"
	const (
		whole   = "whole"   // resumed: every byte, once
		broken  = "broken"  // not resumable: ErrStreamBroken after the 300
		refused = "refused" // resumed, the answer refused: ErrResumeRefused after the 300
	)
	for _, c := range []struct {
		name            string
		etag            []string // the ETag field lines, nil for none
		lastModified    bool
		ifRange         string // sent on the resumption, "" when none is
		honour, ignored string // the outcome with each server
	}{
		{"unquoted etag", []string{"range100000"}, false, "", broken, broken},
		{"unquoted etag beside a date", []string{"range100000"}, true, "", broken, broken},
		{"weak etag", []string{`W/"v1"`}, false, "", broken, broken},
		{"weak etag beside a date", []string{`W/"v1"`}, true, "", broken, broken},
		{"empty etag", []string{""}, false, "", broken, broken},
		{"empty etag beside a date", []string{""}, true, lm, whole, refused},
		{"etag list", []string{`"a", "b"`}, false, "", broken, broken},
		{"etag on two lines", []string{`"a"`, `"b"`}, false, "", broken, broken},
		{"etag list beside a date", []string{`"a", "b"`}, true, "", broken, broken},
		{"etag with junk after it", []string{`"a"junk`}, false, "", broken, broken},
		{"date only", nil, true, lm, whole, refused},
		{"strong etag", []string{`"v1"`}, false, `"v1"`, whole, whole},
		{"strong etag beside a date", []string{`"v1"`}, true, `"v1"`, whole, whole},
		{"empty quoted etag", []string{`""`}, false, `""`, whole, whole},
	} {
		for _, ignores := range []bool{false, true} {
			want := c.honour
			if ignores {
				want = c.ignored
			}
			t.Run(fmt.Sprintf("%s/ignores range %v", c.name, ignores), func(t *testing.T) {
				srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					if c.etag != nil {
						w.Header()["Etag"] = c.etag
					}
					var mod time.Time
					if c.lastModified {
						w.Header().Set("Last-Modified", lm)
						mod, _ = http.ParseTime(lm)
					}
					if r.Header.Get("Range") == "" {
						cutAfter(w, full[:300], len(full))
					}
					if ignores {
						io.WriteString(w, full)
						return
					}
					http.ServeContent(w, r, "", mod, strings.NewReader(full))
				})
				resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				var se *middleware.StreamError
				switch want {
				case whole:
					if err != nil || string(got) != full {
						t.Fatalf("%d bytes of %d, %v; want them all", len(got), len(full), err)
					}
				case broken:
					if !errors.Is(err, client.ErrStreamBroken) || errors.Is(err, retry.ErrResumeRefused) ||
						!errors.As(err, &se) || se.Delivered != 300 || string(got) != full[:300] {
						t.Fatalf("%d bytes, %v; want the 300 delivered and ErrStreamBroken", len(got), err)
					}
				case refused:
					if !errors.Is(err, retry.ErrResumeRefused) || !errors.As(err, &se) || se.Delivered != 300 || string(got) != full[:300] {
						t.Fatalf("%d bytes, %v; want the 300 delivered and ErrResumeRefused", len(got), err)
					}
				}
				srv.mu.Lock()
				defer srv.mu.Unlock()
				if c.ifRange == "" {
					if len(srv.reqs) != 1 {
						t.Fatalf("%d requests; want 1, no resumption", len(srv.reqs))
					}
					return
				}
				if len(srv.reqs) != 2 {
					t.Fatalf("%d requests; want 2", len(srv.reqs))
				}
				if h := srv.reqs[1].Header; h.Get("Range") != "bytes=300-" || h.Get("If-Range") != c.ifRange {
					t.Fatalf("resumed with Range %q If-Range %q; want bytes=300- and %q", h.Get("Range"), h.Get("If-Range"), c.ifRange)
				}
			})
		}
	}
}

// Under a strong ETag the 206's bytes are the representation's whatever its
// Last-Modified says (a file touched, its content the same): the ETag
// validates, and the resumption is taken, the README's "no other ETag" (and
// no other Last-Modified only when that is the validator).
func TestStreamResumeUnderTheSameStrongETagIgnoresAnotherDate(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		if r.Header.Get("Range") == "" {
			w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
			cutAfter(w, full[:300], len(full))
		}
		w.Header().Set("Last-Modified", "Tue, 03 Jan 2006 15:04:05 GMT")
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 300-%d/%d", len(full)-1, len(full)))
		w.WriteHeader(http.StatusPartialContent)
		io.WriteString(w, full[300:])
	})
	resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(got) != full || srv.count.Load() != 2 {
		t.Fatalf("%d bytes of %d, %v, %d requests; want them all in 2", len(got), len(full), err, srv.count.Load())
	}
}

// A resumption is an attempt from the call's retry budget (README,
// Streaming): with NoRetry, or once retries before the first byte spent
// it, a resumable stream that breaks ends with ErrStreamBroken after the
// bytes delivered, and no Range request is sent.
func TestStreamResumeTakesFromTheRetryBudget(t *testing.T) {
	full := strings.Repeat("0123456789", 100)
	for _, c := range []struct {
		name     string
		retries  int
		fails    int // 503s before the answer that breaks
		requests int64
		whole    bool
	}{
		{"no retry", client.NoRetry, 0, 1, false},
		{"spent before the first byte", 1, 1, 2, false},
		{"one left", 2, 1, 3, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Etag", `"v1"`)
				switch n := srv.count.Load(); {
				case n <= int64(c.fails):
					w.WriteHeader(http.StatusServiceUnavailable)
				case r.Header.Get("Range") == "":
					cutAfter(w, full[:300], len(full))
				default:
					w.Header().Set("Content-Range", fmt.Sprintf("bytes 300-%d/%d", len(full)-1, len(full)))
					w.WriteHeader(http.StatusPartialContent)
					io.WriteString(w, full[300:])
				}
			})
			resp, err := client.New(fastRetry).Request(context.Background(),
				client.Option{URL: srv.URL, EnableChunked: true, RetryTimes: c.retries})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if c.whole {
				if err != nil || string(got) != full {
					t.Fatalf("%d bytes of %d, %v; want them all", len(got), len(full), err)
				}
			} else if !errors.Is(err, client.ErrStreamBroken) || string(got) != full[:300] {
				t.Fatalf("%d bytes, %v; want the 300 delivered and ErrStreamBroken", len(got), err)
			}
			if n := srv.count.Load(); n != c.requests {
				t.Fatalf("%d requests, want %d", n, c.requests)
			}
		})
	}
}
