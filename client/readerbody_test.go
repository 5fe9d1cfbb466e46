package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// bodySink records the bodies an origin gets.
type bodySink struct {
	mu     sync.Mutex
	bodies []string
}

func (s *bodySink) add(r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
}

func (s *bodySink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

// An interceptor that proceeds again (a token refresh after a 401) sends an
// io.Reader's body whole the second time too.
func TestReaderBodyProceedAgain(t *testing.T) {
	var sink bodySink
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	refresh := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			opt.Header = http.Header{"Authorization": {"Bearer fresh"}}
			return proceed(ctx, opt)
		}
		return resp, err
	}
	c := client.New(client.WithInterceptors(refresh))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/orders", Method: "POST",
		Data: strings.NewReader(`{"item":42}`)})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp.StatusCode, err)
	}
	if got := sink.all(); len(got) != 2 || got[0] != `{"item":42}` || got[1] != `{"item":42}` {
		t.Errorf("bodies sent: %q", got)
	}
}

// A body streamed because it is over the buffer bound cannot be sent a
// second time: the second proceed fails, nothing empty is sent.
func TestReaderBodyStreamedNotSentAgain(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	twice := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if _, err := proceed(ctx, opt); err != nil {
			return nil, err
		}
		return proceed(ctx, opt)
	}
	c := client.New(client.WithInterceptors(twice), client.WithMaxRequestBuffer(4))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: strings.NewReader("0123456789")})
	if !errors.Is(err, encoders.ErrNotReplayable) {
		t.Errorf("err %v, want ErrNotReplayable", err)
	}
	if got := sink.all(); len(got) != 1 || got[0] != "0123456789" {
		t.Errorf("bodies sent: %q", got)
	}
}

// An event stream that reconnects sends an io.Reader's body whole on every
// connection (an LLM completion's prompt).
func TestEventsReconnectSendsReaderBody(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("retry: 10\nid: 1\ndata: hi\n\n"))
	}))
	defer srv.Close()
	c := client.New()
	n := 0
	for _, err := range c.Events(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: strings.NewReader(`{"prompt":"hi"}`)}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	got := sink.all()
	if len(got) < 2 {
		t.Fatalf("%d connections, want a reconnect", len(got))
	}
	for i, b := range got {
		if b != `{"prompt":"hi"}` {
			t.Errorf("connection %d sent %q", i+1, b)
		}
	}
}

// stallReader gives one byte, then waits for release.
type stallReader struct {
	sent    bool
	release chan struct{}
	closed  atomic.Bool
}

func (r *stallReader) Read(p []byte) (int, error) {
	if !r.sent {
		r.sent = true
		p[0] = 'x'
		return 1, nil
	}
	<-r.release
	return 0, io.ErrUnexpectedEOF
}

func (r *stallReader) Close() error {
	if r.closed.CompareAndSwap(false, true) {
		close(r.release) // as closing a pipe unblocks its reader
	}
	return nil
}

// A body reader that stalls does not hold the call past its context or
// its timeout; the reader is closed.
func TestStalledBodyReaderBounded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	c := client.New()
	for _, tc := range []struct {
		name    string
		timeout time.Duration
		ctx     time.Duration
		want    error
	}{
		{"timeout", 200 * time.Millisecond, 5 * time.Second, timeout.ErrExceeded},
		{"context", -1, 200 * time.Millisecond, context.DeadlineExceeded},
	} {
		rd := &stallReader{release: make(chan struct{})}
		ctx, cancel := context.WithTimeout(context.Background(), tc.ctx)
		start := time.Now()
		_, err := c.Request(ctx, client.Option{URL: srv.URL, Method: "POST", Data: rd, Timeout: tc.timeout})
		cancel()
		if took := time.Since(start); took > 2*time.Second || !errors.Is(err, tc.want) || !rd.closed.Load() {
			t.Errorf("%s: returned after %v with %v (closed %v), want %v", tc.name, took, err, rd.closed.Load(), tc.want)
		}
	}
}

// dripReader gives one byte every tick.
type dripReader struct {
	left int
	tick time.Duration
}

func (r *dripReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(r.tick)
	r.left--
	p[0] = 'x'
	return 1, nil
}

// The timeout bounds each wait for more of a body reader, not the whole
// read: a slow reader that keeps giving is sent whole.
func TestSlowBodyReaderNotCut(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: &dripReader{left: 8, tick: 40 * time.Millisecond}, Timeout: 150 * time.Millisecond})
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != "xxxxxxxx" {
		t.Errorf("%v, sent %q", err, got)
	}
}
