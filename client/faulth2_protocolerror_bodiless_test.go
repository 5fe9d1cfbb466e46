package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A request without a body (a GET, a HEAD, a streamed GET) to a server that
// resets each of its HTTP/2 streams with PROTOCOL_ERROR (as a server does
// with a header it refuses): net/http sent it again at once, on a new
// connection each time, until the attempt's Timeout (960 streams in a call
// of three 1 s attempts). Each attempt now ends on its ninth new
// connection, before it sends on it, with middleware.ErrResentTooOften; the call is retried and fails
// over, and a caller's own client trace still hears every send. Each
// attempt may take 5 s, so that a slow machine (CI under -race makes eight
// TLS handshakes in over a second) is not mistaken for the bound missing;
// the bound missing would run every attempt to its 5 s.
func TestHTTP2ResetWithProtocolErrorBodilessIsBounded(t *testing.T) {
	const protocolError = 0x1
	for _, c := range []struct {
		name   string
		method string
		stream bool
	}{{"GET", "GET", false}, {"HEAD", "HEAD", false}, {"streamed GET", "GET", true}} {
		t.Run(c.name, func(t *testing.T) {
			srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, protocolError) })
			second := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "from the backup")
			})
			var heard atomic.Int32
			ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GetConn: func(string) { heard.Add(1) }})
			start := time.Now()
			resp, err := srv.client().Request(ctx, client.Option{URL: srv.URL + "/x", Method: c.method, Timeout: 5 * time.Second,
				EnableChunked: c.stream, Backup: []string{second.URL + "/b"}, Mode: client.ModeCORS})
			took := time.Since(start)
			streams := len(srv.Bodies())
			if err != nil || resp.Attempts != 4 || len(second.sent()) != 1 || streams == 0 || streams > 30 || took > 4*time.Second {
				t.Fatalf("err %v, %d attempts, %d streams, backup got %d, took %v; want the backup's answer after 3 attempts of about 8 streams each",
					err, resp.Attempts, streams, len(second.sent()), took)
			}
			if c.stream {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != "from the backup" {
					t.Errorf("streamed body %q", b)
				}
			}
			// The caller's trace hears each try for a connection: one per
			// stream at least, and a few more as net/http winds down.
			if n := int(heard.Load()); n < streams || n > 40 {
				t.Errorf("the caller's trace heard %d GetConn for %d streams, three attempts and one backup", n, streams)
			}

			// Without a backup or retries, the error says what happened.
			_, err = srv.client().Request(context.Background(), client.Option{URL: srv.URL + "/x", Method: c.method,
				Timeout: 5 * time.Second, EnableChunked: c.stream, RetryTimes: client.NoRetry})
			if !errors.Is(err, middleware.ErrResentTooOften) || errors.Is(err, context.Canceled) || errors.Is(err, timeout.ErrExceeded) {
				t.Errorf("err %v; want middleware.ErrResentTooOften, no cancel or timeout", err)
			}
		})
	}
}

// The timeout layer alone in a plain http.Client bounds a GET the same way.
func TestHTTP2ResetWithProtocolErrorBoundedByTheTimeoutLayerAlone(t *testing.T) {
	srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, 0x1) })
	hc := &http.Client{Transport: timeout.New(srv.transport(), timeout.WithTimeout(5*time.Second))}
	start := time.Now()
	resp, err := hc.Get(srv.URL + "/x")
	if err == nil {
		resp.Body.Close()
	}
	if !errors.Is(err, middleware.ErrResentTooOften) || len(srv.Bodies()) > 8 || time.Since(start) > 4*time.Second {
		t.Errorf("err %v, %d streams in %v; want ErrResentTooOften after at most 8", err, len(srv.Bodies()), time.Since(start))
	}
}

// The bound counts new connections, not tries for one nor streams: a
// server that takes one stream per connection at a time refuses the
// streams over its limit with REFUSED_STREAM, which net/http sends again
// on their connection (or tries again for another while other requests
// fill each one, hundreds of tries), but it gives up no connection. Many
// GETs at once must all be answered in their first attempt.
func TestHTTP2FullConnectionsAreNoResends(t *testing.T) {
	srv, c, count := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
		io.WriteString(w, "ok")
	}, func(s *http.Server) { s.HTTP2 = &http.HTTP2Config{MaxConcurrentStreams: 1} })
	const callers = 48
	var wg sync.WaitGroup
	var tries atomic.Int32
	errs := make(chan error, callers)
	url := srv.URL + "/x"
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GetConn: func(string) { tries.Add(1) }})
			resp, err := c.Request(ctx, client.Option{URL: url, Timeout: 10 * time.Second, RetryTimes: client.NoRetry})
			if err == nil && (resp.Attempts != 1 || resp.StatusCode != 200) {
				err = fmt.Errorf("%d attempts, status %d", resp.Attempts, resp.StatusCode)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	t.Logf("%d requests, %d tries for a connection", count.Load(), tries.Load())
}
