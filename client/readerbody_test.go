package client_test

import (
	"bytes"
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

// A body reader that panics panics in the caller's goroutine, where the
// caller can recover it, not in one of the client's.
func TestReaderPanicReachesCaller(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	defer func() {
		if recover() == nil {
			t.Error("no panic reached the caller")
		}
	}()
	_, _ = client.New().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST",
		Data: io.NopCloser((*bytes.Buffer)(nil))})
}

// A pipe as GET data is refused as any reader is, before any request.
func TestGETWithPipeIsUnencodable(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	pr, pw := io.Pipe()
	defer pr.Close() // the writer gives up once the reader is closed
	go func() { _, _ = pw.Write([]byte("secret=body")); pw.Close() }()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Data: pr})
	if !errors.Is(err, encoders.ErrUnencodable) || hits.Load() != 0 {
		t.Errorf("err %v, %d requests", err, hits.Load())
	}
}

// Whatever build refuses is refused at once, the reader unread, and a
// corrected proceed then sends it whole.
func TestReaderBodyRefusedOptionsNoWait(t *testing.T) {
	for name, tc := range map[string]struct {
		opt  client.Option
		want error
	}{
		"jsonp-post":   {client.Option{JSONP: true}, client.ErrInvalidOption},
		"bad-header":   {client.Option{Header: http.Header{"X-A": {"a\r\nb"}}}, client.ErrInvalidHeader},
		"bad-backup":   {client.Option{Backup: []string{"ftp://x/"}}, client.ErrInvalidURL},
		"cross-origin": {client.Option{Backup: []string{"http://127.0.0.2:1/x"}}, client.ErrCrossOrigin},
	} {
		pr, pw := io.Pipe()
		opt := tc.opt
		opt.URL, opt.Method, opt.Data, opt.Timeout = "http://127.0.0.1:1/x", "POST", pr, 2*time.Second
		start := time.Now()
		_, err := client.New(client.WithBaseURL("http://127.0.0.1:1")).Request(context.Background(), opt)
		if took := time.Since(start); took > time.Second || !errors.Is(err, tc.want) {
			t.Errorf("%s: %v after %v", name, err, took)
		}
		pw.Close()
	}
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if errors.Is(err, client.ErrInvalidURL) {
			opt.URL = srv.URL
			return proceed(ctx, opt)
		}
		return resp, err
	}
	pr, pw := io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("payload")); pw.Close() }()
	_, err := client.New(client.WithInterceptors(fix)).Request(context.Background(),
		client.Option{URL: "ftp://bad/", Method: "POST", Data: pr})
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload" {
		t.Errorf("corrected proceed: %v, bodies %q", err, got)
	}
}

// A reader of a type that cannot be compared is still known again: a
// second proceed sends it whole.
func TestUncomparableReaderSentAgainWhole(t *testing.T) {
	var sink bodySink
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sink.add(r)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	refresh := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			return proceed(ctx, opt)
		}
		return resp, err
	}
	rd := io.NopCloser(readerFunc(strings.NewReader("hello").Read))
	_, err := client.New(client.WithInterceptors(refresh)).Request(context.Background(),
		client.Option{URL: srv.URL, Method: "POST", Data: rd})
	if got := sink.all(); err != nil || len(got) != 2 || got[0] != "hello" || got[1] != "hello" {
		t.Errorf("%v, bodies %q", err, got)
	}
}

// A no-cors POST refused for the Content-Type its reader body would get,
// and a GET refused for reader data, leave the reader unread: a corrected
// proceed sends it whole.
func TestRefusedReaderGivenBack(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	for name, tc := range map[string]struct {
		opt client.Option
		fix func(*client.Option)
	}{
		"no-cors": {client.Option{URL: srv.URL + "/x", Method: "POST", Mode: client.ModeNoCORS},
			func(o *client.Option) { o.Header = http.Header{"Content-Type": {"text/plain"}} }},
		"get": {client.Option{URL: srv.URL + "/x"}, func(o *client.Option) { o.Method = "POST" }},
	} {
		sink = bodySink{}
		fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			if resp, err := proceed(ctx, opt); err == nil {
				return resp, err
			}
			tc.fix(&opt)
			return proceed(ctx, opt)
		}
		pr, pw := io.Pipe()
		go func() { _, _ = io.Copy(pw, strings.NewReader("payload")); pw.Close() }()
		opt := tc.opt
		opt.Data = pr
		_, err := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(fix)).Request(context.Background(), opt)
		if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload" {
			t.Errorf("%s: %v, bodies %q", name, err, got)
		}
		pr.Close()
	}
}

// Do refuses EnableChunked before it reads a reader body: a corrected
// proceed sends it whole; and a reader POSTed once is still refused as GET
// data, not put in the query.
func TestReaderBodyRefusalsAfterFirstSend(t *testing.T) {
	var sink bodySink
	var queries []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.Method+" "+r.URL.RawQuery)
		mu.Unlock()
		sink.add(r)
		_, _ = w.Write([]byte(`{"n":1}`))
	}))
	defer srv.Close()
	fix := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if resp, err := proceed(ctx, opt); err == nil {
			return resp, nil
		}
		opt.EnableChunked = false
		return proceed(ctx, opt)
	}
	pr, pw := io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("payload-longer-than-4")); pw.Close() }()
	_, err := client.Do[map[string]int](context.Background(), client.New(client.WithInterceptors(fix), client.WithMaxRequestBuffer(4)),
		client.Option{URL: srv.URL, Method: "POST", Data: pr, EnableChunked: true, RetryTimes: client.NoRetry})
	pr.Close()
	if got := sink.all(); err != nil || len(got) != 1 || got[0] != "payload-longer-than-4" {
		t.Fatalf("chunked Do: %v, bodies %q", err, got)
	}

	var second error
	thenGet := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		o := opt
		o.Method = "GET"
		_, second = proceed(ctx, o)
		return resp, err
	}
	pr, pw = io.Pipe()
	go func() { _, _ = io.Copy(pw, strings.NewReader("secret=payload")); pw.Close() }()
	_, err = client.New(client.WithInterceptors(thenGet)).Request(context.Background(),
		client.Option{URL: srv.URL, Method: "POST", Data: pr})
	if err != nil || !errors.Is(second, encoders.ErrUnencodable) {
		t.Errorf("POST %v, then GET of the same reader %v; requests %q", err, second, queries)
	}
}

// A reader first sent as query data (its exported fields) is not a body
// sent: later POSTs read it, once, and send it whole every time.
func TestReaderQueryThenBodies(t *testing.T) {
	var sink bodySink
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink.add(r) }))
	defer srv.Close()
	icpt := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		_, _ = proceed(ctx, opt)
		o := opt
		o.Method = "POST"
		_, _ = proceed(ctx, o)
		return proceed(ctx, o)
	}
	data := &io.LimitedReader{R: strings.NewReader("payload"), N: 100}
	_, err := client.New(client.WithInterceptors(icpt)).Request(context.Background(),
		client.Option{URL: srv.URL, Data: data, RetryTimes: client.NoRetry})
	if got := sink.all(); err != nil || len(got) != 3 || got[1] != "payload" || got[2] != "payload" {
		t.Errorf("%v: bodies %q", err, got)
	}
}
