package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// The README's "Defaults that matter" and the defaults of its reference,
// each held by what a client made with no option does. The timing ones run
// in a synctest bubble over a fake transport: the clock is the bubble's, so
// 2 s, 10 s and a minute pass at once and exactly.

// attemptLog is a fake transport's record of its attempts, in the bubble's
// time.
type attemptLog struct {
	mu         sync.Mutex
	starts     []time.Time
	durations  []time.Duration
	deadlines  []time.Duration // from the attempt's start; -1 without one
	statusNext func(n int) int // status of attempt n (from 0); nil: hang until the context ends
}

func (l *attemptLog) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	l.mu.Lock()
	n := len(l.starts)
	l.starts = append(l.starts, start)
	dl := time.Duration(-1)
	if d, ok := r.Context().Deadline(); ok {
		dl = d.Sub(start)
	}
	l.deadlines = append(l.deadlines, dl)
	statusNext := l.statusNext
	l.mu.Unlock()
	var resp *http.Response
	var err error
	if statusNext == nil {
		<-r.Context().Done()
		err = context.Cause(r.Context())
	} else {
		resp = &http.Response{StatusCode: statusNext(n), Header: http.Header{}, Body: http.NoBody, Request: r}
	}
	l.mu.Lock()
	l.durations = append(l.durations, time.Since(start))
	l.mu.Unlock()
	return resp, err
}

func (l *attemptLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.starts)
}

// TestDefaultTimeoutTwoSecondsPerAttempt: "2 s per attempt" and the
// RetryTimes default, 2, with timeouts retried: a server that never
// answers costs three attempts, each cut exactly 2 s after it began, and
// the error says timeout.
func TestDefaultTimeoutTwoSecondsPerAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := &attemptLog{}
		c := client.New(client.WithTransport(fake))
		resp, err := c.Request(context.Background(), client.Option{URL: "http://api.test/slow"})
		if !errors.Is(err, timeout.ErrExceeded) || !strings.HasPrefix(resp.ErrMsg, "request:fail") {
			t.Fatalf("err %v, ErrMsg %q; want a timeout", err, resp.ErrMsg)
		}
		fake.mu.Lock()
		defer fake.mu.Unlock()
		if len(fake.starts) != 3 {
			t.Fatalf("%d attempts, want 3 (the first and 2 retries, timeouts being retried)", len(fake.starts))
		}
		for i, d := range fake.durations {
			if d != 2*time.Second || fake.deadlines[i] != 2*time.Second {
				t.Errorf("attempt %d: cut after %v, deadline %v after its start; want 2s", i+1, d, fake.deadlines[i])
			}
		}
	})
}

// TestDefaultBreakerOpensForTenSeconds: the breaker of the default stack,
// once tripped (half of 20 attempts failed), refuses the origin for 10 s
// without I/O, then lets a probe through, whose success closes it.
func TestDefaultBreakerOpensForTenSeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := &attemptLog{statusNext: func(n int) int {
			if n < 20 {
				return http.StatusInternalServerError
			}
			return http.StatusOK
		}}
		c := client.New(client.WithTransport(fake))
		send := func() error {
			_, err := c.Request(context.Background(), client.Option{URL: "http://api.test/x", RetryTimes: client.NoRetry})
			return err
		}
		for range 20 {
			if err := send(); errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("open after %d attempts, want 20", fake.count())
			}
		}
		if err := send(); !errors.Is(err, breaker.ErrOpen) {
			t.Fatalf("after 20 failed attempts: %v, want breaker.ErrOpen", err)
		}
		time.Sleep(10*time.Second - time.Millisecond)
		if err := send(); !errors.Is(err, breaker.ErrOpen) || fake.count() != 20 {
			t.Fatalf("just before 10 s: %v, %d attempts sent; want breaker.ErrOpen and no I/O", err, fake.count())
		}
		time.Sleep(2 * time.Millisecond)
		if err := send(); err != nil || fake.count() != 21 {
			t.Fatalf("just after 10 s: %v, %d attempts sent; want the probe through", err, fake.count())
		}
		if err := send(); err != nil || fake.count() != 22 {
			t.Fatalf("after the probe: %v, %d attempts sent; want the circuit closed", err, fake.count())
		}
	})
}

// TestDefaultBreakerCountsAMinute: "at least half of 20 or more attempts
// in a minute": 19 attempts, 10 of them failed, then one more failure 59 s
// later trips the default breaker; 61 s later the count has started over,
// and it does not.
func TestDefaultBreakerCountsAMinute(t *testing.T) {
	for _, c := range []struct {
		after time.Duration
		trips bool
	}{{59 * time.Second, true}, {61 * time.Second, false}} {
		synctest.Test(t, func(t *testing.T) {
			fake := &attemptLog{statusNext: func(n int) int {
				if n%2 == 0 || n == 19 { // 10 of the first 19, and the 20th
					return http.StatusInternalServerError
				}
				return http.StatusOK
			}}
			cl := client.New(client.WithTransport(fake))
			send := func() error {
				_, err := cl.Request(context.Background(), client.Option{URL: "http://api.test/x", RetryTimes: client.NoRetry})
				return err
			}
			for range 19 {
				if err := send(); errors.Is(err, breaker.ErrOpen) {
					t.Fatalf("open after %d attempts", fake.count())
				}
			}
			time.Sleep(c.after)
			if err := send(); errors.Is(err, breaker.ErrOpen) {
				t.Fatalf("20th attempt refused: %v", err)
			}
			err := send()
			if open := errors.Is(err, breaker.ErrOpen); open != c.trips {
				t.Fatalf("20th attempt %v after the first 19: next request %v; open %v, want %v",
					c.after, err, open, c.trips)
			}
		})
	}
}

// TestDefaultMaxResponseBytes: WithMaxResponseBytes defaults to 8 MiB: a
// body of exactly 8 MiB is read whole, one byte more is
// client.ErrResponseTooLarge, not retried, whether its length is announced
// or not.
func TestDefaultMaxResponseBytes(t *testing.T) {
	const limit = 8 << 20
	body := []byte(strings.Repeat("x", limit+1))
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := limit
		if strings.HasPrefix(r.URL.Path, "/over") {
			n++
		}
		if strings.HasSuffix(r.URL.Path, "/chunked") {
			w.(http.Flusher).Flush() // no Content-Length
		}
		_, _ = w.Write(body[:n])
	})
	c := client.New()
	for _, path := range []string{"/exact/known", "/exact/chunked", "/over/known", "/over/chunked"} {
		before := srv.count.Load()
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + path, ResponseType: client.ResponseTypeArrayBuffer})
		if n := srv.count.Load() - before; n != 1 {
			t.Errorf("%s: %d requests, want 1", path, n)
		}
		if strings.HasPrefix(path, "/exact") {
			if b, _ := resp.Data.([]byte); err != nil || len(b) != limit {
				t.Errorf("%s: %d bytes, %v; want the 8 MiB whole", path, len(b), err)
			}
			continue
		}
		if !errors.Is(err, client.ErrResponseTooLarge) ||
			!strings.HasPrefix(resp.ErrMsg, "request:fail response body exceeds the size bound") {
			t.Errorf("%s: err %v, ErrMsg %q; want client.ErrResponseTooLarge", path, err, resp.ErrMsg)
		}
	}
}

// TestDefaultJarFollowsPublicSuffixList: with Credentials include, the
// default jar keeps a cookie a host sets for its own registrable domain
// (shop.co.uk) and refuses one set for a public suffix (co.uk), which would
// reach every other site under it. Every host name dials the one test
// server.
func TestDefaultJarFollowsPublicSuffixList(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			w.Header().Add("Set-Cookie", "suffix=1; Domain=co.uk; Path=/")
			w.Header().Add("Set-Cookie", "site=1; Domain=shop.co.uk; Path=/")
		}
	})
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", srv.Listener.Addr().String())
	}}
	t.Cleanup(tr.CloseIdleConnections)
	c := client.New(client.WithTransport(tr))
	send := func(url string) string {
		t.Helper()
		if _, err := c.Request(context.Background(), client.Option{URL: url, Mode: client.ModeCORS,
			Credentials: client.CredentialsInclude, DataType: "text"}); err != nil {
			t.Fatal(err)
		}
		return srv.last(t).Header.Get("Cookie")
	}
	send("http://www.shop.co.uk/login")
	if got := send("http://api.shop.co.uk/x"); got != "site=1" {
		t.Errorf("another host of shop.co.uk got Cookie %q, want the site's own cookie only", got)
	}
	if got := send("http://www.other.co.uk/x"); got != "" {
		t.Errorf("another site under co.uk got Cookie %q, want none", got)
	}
}
