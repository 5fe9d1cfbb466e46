package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
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
// connection (a POST the caller marked Idempotent: one that is not is not
// sent again, TestEventsPostNotSentAgain).
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
	for _, err := range c.Events(context.Background(), client.Option{URL: srv.URL, Method: "POST", Idempotent: true,
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
// read: a slow reader that keeps giving is sent whole. Each wait is 40 ms
// of a 400 ms Timeout (a loaded machine stretched one past 150 ms), the
// whole read 1 s.
func TestSlowBodyReaderNotCut(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: &dripReader{left: 25, tick: 40 * time.Millisecond}, Timeout: 400 * time.Millisecond})
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != strings.Repeat("x", 25) {
		t.Errorf("%v, sent %q", err, got)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// A reader of a type that cannot be compared at run time (io.NopCloser
// over a func) is sent, not a panic.
func TestReaderBodyUncomparableReader(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	rd := io.NopCloser(readerFunc(strings.NewReader("hello").Read))
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: rd})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp.StatusCode, err)
	}
	if got := sink.all(); len(got) != 1 || got[0] != "hello" {
		t.Errorf("bodies %q", got)
	}
}

// An invalid URL or method fails at once, without waiting for (or
// closing) the body reader.
func TestReaderBodyInvalidOptionNoWait(t *testing.T) {
	for _, opt := range []client.Option{{URL: ""}, {URL: "http://127.0.0.1:1/x", Method: "FOO"}} {
		pr, pw := io.Pipe()
		opt.Data, opt.Timeout = pr, 3*time.Second
		if opt.Method == "" {
			opt.Method = "POST"
		}
		start := time.Now()
		_, err := client.New().Request(context.Background(), opt)
		if took := time.Since(start); took > time.Second || !errors.Is(err, client.ErrInvalidURL) && !errors.Is(err, client.ErrInvalidMethod) {
			t.Errorf("%+v: %v after %v", opt.URL, err, took)
		}
		pw.Close()
	}
}

// trickle gives a byte every few ms, for ever.
type trickle struct{}

func (trickle) Read(p []byte) (int, error) {
	time.Sleep(5 * time.Millisecond)
	p[0] = 'x'
	return 1, nil
}

// Given up on, the reading goroutine stops after the Read under way.
func TestReaderGoroutineStopsAfterGiveUp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	before := runtime.NumGoroutine()
	_, err := client.New().Request(ctx, client.Option{URL: srv.URL, Method: "POST", Data: trickle{}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines, %d before", n, before)
	}
}

// A reader an interceptor sets is sent whole on every proceed too, and two
// proceeds at once each send it whole.
func TestReaderBodyFromInterceptorAndConcurrentProceeds(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	body := strings.Repeat("0123456789", 20000)
	sign := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		opt.Data = strings.NewReader(body)
		return proceed(ctx, opt)
	}
	hedge := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		var wg sync.WaitGroup
		var resp *client.Response
		var err error
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r, e := proceed(ctx, opt); i == 0 {
					resp, err = r, e
				}
			}()
		}
		wg.Wait()
		return resp, err
	}
	c := client.New(client.WithInterceptors(sign, hedge))
	for n := 0; n < 5; n++ {
		sink = bodySink{}
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]int{"a": 1}}); err != nil {
			t.Fatal(err)
		}
		if got := sink.all(); len(got) != 2 || got[0] != body || got[1] != body {
			t.Fatalf("round %d: %d sends, lengths %v", n, len(got), lengths(got))
		}
	}
}

func lengths(ss []string) []int {
	var n []int
	for _, s := range ss {
		n = append(n, len(s))
	}
	return n
}
