package retry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// scripted answers a streamed call's attempts in order from its list, and
// records each request's Range header. No network: the answers are what a
// base transport could return.
type scripted struct {
	mu      sync.Mutex
	answers []func(*http.Request) *http.Response
	ranges  []string
}

func (s *scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ranges = append(s.ranges, r.Header.Get("Range"))
	if len(s.ranges) > len(s.answers) {
		return nil, errors.New("scripted: no answer left")
	}
	return s.answers[len(s.ranges)-1](r), nil
}

func (s *scripted) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ranges)
}

// cutBody yields prefix, then breaks as a reset connection does.
type cutBody struct{ r io.Reader }

func (c *cutBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}
func (c *cutBody) Close() error { return nil }

// cutAnswer is a resumable 200 (strong ETag "v1") of total bytes whose body
// breaks after prefix.
func cutAnswer(prefix string, total int) func(*http.Request) *http.Response {
	return func(r *http.Request) *http.Response {
		return &http.Response{StatusCode: 200, Request: r, ContentLength: int64(total),
			Header: http.Header{"Etag": {`"v1"`}, "Content-Length": {strconv.Itoa(total)}},
			Body:   &cutBody{strings.NewReader(prefix)}}
	}
}

func streamedGet(t *testing.T, rt http.RoundTripper) (*http.Response, error) {
	t.Helper()
	ctx, _ := middleware.NewCallContext(context.Background(), middleware.Settings{Streaming: true, RetryTimes: 2})
	req, err := http.NewRequestWithContext(ctx, "GET", "http://origin.test/file", nil)
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

// A 200 that ignores the Range request is read past the bytes delivered
// only when its body is the bytes its ETag names: not one the transport
// below decoded (Response.Uncompressed; its Content-Encoding is gone, so
// the coding check cannot see it, and its Content-Length is unknown, so
// the length check cannot either). net/http never decodes an answer to a
// Range request; a base transport of the caller's may. The same 200 not
// decoded is read past them.
func TestStreamResume200DecodedBelowIsRefused(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	other := strings.Repeat("ZYXWVUTSRQ", 300) // another representation's bytes
	for _, decoded := range []bool{true, false} {
		t.Run("decoded="+strconv.FormatBool(decoded), func(t *testing.T) {
			whole := full
			if decoded {
				whole = other
			}
			base := &scripted{answers: []func(*http.Request) *http.Response{
				cutAnswer(full[:1000], len(full)),
				func(r *http.Request) *http.Response { // Range ignored
					return &http.Response{StatusCode: 200, Request: r, ContentLength: -1, Uncompressed: decoded,
						Header: http.Header{"Etag": {`"v1"`}}, Body: io.NopCloser(strings.NewReader(whole))}
				},
			}}
			resp, err := streamedGet(t, retry.New(base, retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if base.requests() != 2 {
				t.Fatalf("%d requests, want 2 (the cut answer and one Range request)", base.requests())
			}
			if !decoded {
				if err != nil || string(got) != full {
					t.Fatalf("%d bytes, err %v; want the whole body", len(got), err)
				}
				return
			}
			var se *middleware.StreamError
			if !errors.Is(err, retry.ErrResumeRefused) || !errors.As(err, &se) || se.Delivered != 1000 || string(got) != full[:1000] {
				t.Fatalf("%d bytes (a prefix of the body: %v), err %v; want the first 1000 and retry.ErrResumeRefused",
					len(got), strings.HasPrefix(full, string(got)), err)
			}
		})
	}
}

// A failed Range request's Retry-After over the cap ends the stream with
// ErrRetryAfter and no wait: the sleep is a recorder that returns at once,
// so a resumption that ignored the cap fails here, quickly, instead of
// sleeping an hour.
func TestStreamResumeRetryAfterOverTheCapIsNotWaited(t *testing.T) {
	full := strings.Repeat("abcdefghij", 300)
	var mu sync.Mutex
	var waits []time.Duration
	record := func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return nil
	}
	unavailable := func(r *http.Request) *http.Response {
		return &http.Response{StatusCode: 503, Request: r, Header: http.Header{"Retry-After": {"3600"}}, Body: http.NoBody}
	}
	rest := func(r *http.Request) *http.Response {
		return &http.Response{StatusCode: 206, Request: r, ContentLength: int64(len(full) - 1000),
			Header: http.Header{"Etag": {`"v1"`}, "Content-Range": {"bytes 1000-2999/3000"}},
			Body:   io.NopCloser(strings.NewReader(full[1000:]))}
	}
	base := &scripted{answers: []func(*http.Request) *http.Response{cutAnswer(full[:1000], len(full)), unavailable, rest}}
	resp, err := streamedGet(t, retry.New(base, retry.WithSleep(record), retry.WithMaxRetryAfter(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	var re *retry.Error
	if !errors.Is(err, retry.ErrRetryAfter) || !errors.As(err, &re) || re.Wait != time.Hour || string(got) != full[:1000] {
		t.Fatalf("%d bytes, err %v; want the first 1000 and retry.ErrRetryAfter of a 1h wait", len(got), err)
	}
	if base.requests() != 2 || len(waits) != 1 || waits[0] > retry.DefaultMaxWait {
		t.Fatalf("%d requests, waits %v; want 2 requests and one backoff wait only (before the Range request)", base.requests(), waits)
	}
}
