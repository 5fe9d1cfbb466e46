package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A Range request that resumes a broken stream and gets a 503 with
// Retry-After waits as asked before the next one, as any retried attempt
// does: a server that refuses ranges until then gets none earlier, and the
// stream comes whole. A Retry-After over the cap ends the stream at once
// with retry.ErrRetryAfter, the bytes delivered in place.
func TestStreamResumeHonoursRetryAfter(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	for _, c := range []struct {
		retryAfter string
		want       error
	}{{"1", nil}, {"3600", retry.ErrRetryAfter}} {
		t.Run("Retry-After "+c.retryAfter, func(t *testing.T) {
			var mu sync.Mutex
			var until time.Time
			var early int // Range requests before the time the server gave
			var srv *recorder
			srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				mu.Lock()
				if srv.count.Load() == 1 {
					until = time.Now().Add(900 * time.Millisecond)
					mu.Unlock()
					cutAfter(w, full[:1000], len(full))
				}
				tooEarly := time.Now().Before(until)
				if tooEarly {
					early++
				}
				mu.Unlock()
				if tooEarly {
					w.Header().Set("Retry-After", c.retryAfter)
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				from := rangeFrom(r)
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
				w.WriteHeader(http.StatusPartialContent)
				io.WriteString(w, full[from:])
			})
			resp, err := client.New(fastRetry).Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			got, took, err := readAllWithin(t, resp.Body, 5*time.Second)
			mu.Lock()
			defer mu.Unlock()
			if c.want == nil {
				if err != nil || string(got) != full || early != 1 {
					t.Fatalf("%d bytes, %v, %d Range requests before the Retry-After; want all the bytes and 1", len(got), err, early)
				}
				return
			}
			var se *middleware.StreamError
			// A wait begun would take the 10 s cap, or the hour asked.
			if !errors.Is(err, c.want) || !errors.As(err, &se) || string(got) != full[:1000] || early != 1 || took > 2*time.Second {
				t.Fatalf("%d bytes, %v after %v, %d Range requests; want the first 1000 bytes, one request and %v at once",
					len(got), err, took, early, c.want)
			}
		})
	}
}

// A resumption whose wait (a failed Range request's Retry-After) would end
// past the caller's deadline is not waited for: the stream ends at once
// with retry.ErrDeadline, the bytes delivered in place, as a retry's wait
// does (the deadline is not slept into, to end with the cut's error).
func TestStreamResumeWaitPastTheDeadlineEndsAtOnce(t *testing.T) {
	full := strings.Repeat("abcdefghij", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("Range") == "" {
			cutAfter(w, full[:300], len(full))
		}
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	resp, err := client.New(fastRetry).Request(ctx, client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, retry.ErrDeadline) || string(got) != full[:300] {
		t.Fatalf("%d bytes, %v; want the 300 delivered and retry.ErrDeadline", len(got), err)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("ended after %v: the wait was begun", took)
	}
	if n := srv.count.Load(); n != 2 {
		t.Fatalf("%d requests, want 2 (the cut answer and one Range request)", n)
	}
}

// readAllWithin reads body to its end and closes it, or fails the test
// after limit (closing the body, which ends a resumption's wait): a wait
// the layer should have refused fails here, not at go test's timeout.
func readAllWithin(t *testing.T, body io.ReadCloser, limit time.Duration) ([]byte, time.Duration, error) {
	t.Helper()
	type read struct {
		b   []byte
		err error
	}
	start := time.Now()
	done := make(chan read, 1)
	go func() {
		b, err := io.ReadAll(body)
		done <- read{b, err}
	}()
	select {
	case r := <-done:
		body.Close()
		return r.b, time.Since(start), r.err
	case <-time.After(limit):
		body.Close()
		<-done
		t.Fatalf("the body was still being read after %v", limit)
		return nil, 0, nil
	}
}
