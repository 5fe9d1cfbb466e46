package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// stallServer sends its headers and "first", then nothing until the
// client goes.
func stallServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "first")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func wantTimeout(t *testing.T, err error, d time.Duration) {
	t.Helper()
	var te *timeout.Error
	if !errors.As(err, &te) || te.Timeout != d || te.Idle ||
		!errors.Is(err, timeout.ErrExceeded) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the attempt's *timeout.Error", err)
	}
}

func within(t *testing.T, start time.Time, lo, hi time.Duration) {
	t.Helper()
	if d := time.Since(start); d < lo || d > hi {
		t.Errorf("took %v, want %v to %v", d, lo, hi)
	}
}

func TestSlowHandlerTripsTheAttempt(t *testing.T) {
	srv := slowServer(t, 5*time.Second, false)
	const d = 100 * time.Millisecond
	req, _ := http.NewRequest("GET", srv.URL, nil)
	start := time.Now()
	_, err := timeout.New(srv.Client().Transport, timeout.WithTimeout(d)).RoundTrip(req)
	wantTimeout(t, err, d)
	within(t, start, d, 2500*time.Millisecond) // unbounded: the server's 5 s
}

func TestStalledBodyTripsTheRead(t *testing.T) {
	srv := stallServer(t)
	const d = 150 * time.Millisecond
	req, _ := http.NewRequest("GET", srv.URL, nil)
	start := time.Now()
	resp, err := timeout.New(srv.Client().Transport, timeout.WithTimeout(d)).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if string(b) != "first" {
		t.Errorf("read %q", b)
	}
	wantTimeout(t, err, d)
	within(t, start, d, 2500*time.Millisecond) // unbounded: until the test's timeout
}

// TestParentCancelMidBody: the caller's cancellation ends the read, and
// it is not reported as a timeout.
func TestParentCancelMidBody(t *testing.T) {
	srv := stallServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := timeout.New(srv.Client().Transport, timeout.WithTimeout(5*time.Second)).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	start := time.Now()
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = io.ReadAll(resp.Body)
	var te *timeout.Error
	if !errors.Is(err, context.Canceled) || errors.Is(err, timeout.ErrExceeded) || errors.As(err, &te) {
		t.Errorf("err = %v, want the caller's cancellation", err)
	}
	within(t, start, 50*time.Millisecond, 2500*time.Millisecond) // unheard: the attempt's 5 s
}

// countingBody counts Close calls.
type countingBody struct {
	io.Reader
	mu     sync.Mutex
	closed int
}

func (b *countingBody) Close() error {
	b.mu.Lock()
	b.closed++
	b.mu.Unlock()
	return nil
}

// TestBodyClosedUnreadOrTwice: Close releases the attempt whether the body
// was read or not; a second Close does nothing: the transport's body is
// closed once (io.Closer leaves a second Close undefined).
func TestBodyClosedUnreadOrTwice(t *testing.T) {
	for _, look := range []bool{false, true} {
		var ctx context.Context
		body := &countingBody{Reader: strings.NewReader(answer)}
		base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			ctx = r.Context()
			if look {
				_ = ctx.Done()
			}
			return &http.Response{StatusCode: 200, Body: body, Request: r}, nil
		})
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := timeout.New(base).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if ctx.Err() != nil {
			t.Fatalf("look %v: ended before Close: %v", look, ctx.Err())
		}
		for i := 0; i < 2; i++ {
			if err := resp.Body.Close(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-ctx.Done():
			default:
				t.Fatalf("look %v: Done still open after Close", look)
			}
			if ctx.Err() != context.Canceled || context.Cause(ctx) != context.Canceled {
				t.Fatalf("look %v: after Close: %v, %v", look, ctx.Err(), context.Cause(ctx))
			}
		}
		if body.closed != 1 {
			t.Errorf("look %v: the transport's body closed %d times, want 1", look, body.closed)
		}
	}
}

// slowBody fails after a pause without ever looking at the context, like
// a transport with its own clock.
type slowBody struct{ pause time.Duration }

func (b slowBody) Read([]byte) (int, error) {
	time.Sleep(b.pause)
	return 0, io.ErrUnexpectedEOF
}

func (slowBody) Close() error { return nil }

// TestDeadlineDuringReadUnwatched: a read that fails once the deadline has
// passed is the attempt's timeout even when nothing asked for Done.
func TestDeadlineDuringReadUnwatched(t *testing.T) {
	// The early read's Timeout is a minute, not 50 ms: a busy machine may
	// stall longer than 50 ms between the attempt's start and the read.
	for _, c := range []struct {
		d, pause time.Duration
		late     bool
	}{{50 * time.Millisecond, 70 * time.Millisecond, true}, {time.Minute, 0, false}} {
		base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Body: slowBody{c.pause}, Request: r}, nil
		})
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := timeout.New(base, timeout.WithTimeout(c.d)).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_, err = resp.Body.Read(make([]byte, 8))
		resp.Body.Close()
		if c.late {
			wantTimeout(t, err, c.d)
		} else if err != io.ErrUnexpectedEOF {
			t.Errorf("early failure: err = %v, want it untouched", err)
		}
	}
}

// TestAttemptsHammered: transports that watch the context from several
// goroutines (Done, Err, Value, AfterFunc, WithCancel) while the caller
// reads and closes, deadlines and parents' cancellations racing them. Run
// with -race; goleak checks that nothing is left.
func TestAttemptsHammered(t *testing.T) {
	var watchers sync.WaitGroup
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		ctx := r.Context()
		for i := 0; i < 3; i++ {
			watchers.Add(1)
			go func() {
				defer watchers.Done()
				child, cancel := context.WithCancel(context.WithValue(ctx, struct{}{}, i))
				defer cancel()
				stop := context.AfterFunc(ctx, func() {})
				defer stop()
				_, _ = ctx.Deadline()
				_ = ctx.Value(struct{}{})
				for ctx.Err() == nil && child.Err() == nil {
					select {
					case <-ctx.Done():
					case <-time.After(time.Millisecond):
					}
				}
				<-child.Done() // the attempt's end reaches its children just after its Err
				if context.Cause(child) == nil {
					t.Error("a canceled child without a cause")
				}
			}()
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(answer)), Request: r}, nil
	})
	var callers sync.WaitGroup
	for g := 0; g < 8; g++ {
		callers.Add(1)
		go func() {
			defer callers.Done()
			for i := 0; i < 50; i++ {
				d := time.Duration(1+i%4) * time.Millisecond
				ctx, cancel := context.WithCancel(context.Background())
				if g%2 == 0 {
					time.AfterFunc(time.Duration(i%3)*time.Millisecond, cancel)
				}
				if g%4 == 1 {
					ctx = context.Background()
				}
				req, _ := http.NewRequestWithContext(ctx, "GET", "http://stub.test/", nil)
				resp, err := timeout.New(base, timeout.WithTimeout(d)).RoundTrip(req)
				if err != nil {
					t.Error(err)
					cancel()
					continue
				}
				done := make(chan struct{})
				go func() { // a second Close racing the first
					defer close(done)
					resp.Body.Close()
				}()
				_, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
				<-done
				cancel()
			}
		}()
	}
	callers.Wait()
	watchers.Wait()
}

// TestOneAllocation: over a transport that never looks at the context, the
// layer allocates one object per attempt: context, request copy and body
// wrapper in one.
func TestOneAllocation(t *testing.T) {
	base := stub(false)
	rt := timeout.New(base)
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	run := func(rt http.RoundTripper) func() {
		return func() {
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
	}
	if n := testing.AllocsPerRun(100, run(rt)) - testing.AllocsPerRun(100, run(base)); n != 1 {
		t.Errorf("%v allocations per attempt, want 1", n)
	}
	// Without a deadline (Timeout -1), the attempt that bounds a bodiless
	// request's sends is one allocation too (it was seven: a context, a
	// trace and its hooks, a request copy, a body wrapper).
	unbounded := timeout.New(base, timeout.WithTimeout(-1))
	if n := testing.AllocsPerRun(100, run(unbounded)) - testing.AllocsPerRun(100, run(base)); n != 1 {
		t.Errorf("without a deadline: %v allocations per attempt, want 1", n)
	}
}

// An attempt without a deadline gives the transport a context with none
// (the caller's, if it has one), which its answer's body closing ends.
func TestNoDeadlineAttemptsContext(t *testing.T) {
	var got context.Context
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		got = r.Context()
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})
	rt := timeout.New(base, timeout.WithTimeout(-1))
	parent, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Hour))
	defer cancel()
	for _, ctx := range []context.Context{context.Background(), parent} {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://stub.test/", nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		want, wantOK := ctx.Deadline()
		if d, ok := got.Deadline(); ok != wantOK || !d.Equal(want) {
			t.Errorf("the transport's context has deadline %v, %v; want the caller's %v, %v", d, ok, want, wantOK)
		}
		if got.Err() != nil {
			t.Fatalf("ended before the body was closed: %v", got.Err())
		}
		resp.Body.Close()
		select {
		case <-got.Done():
		case <-time.After(5 * time.Second):
			t.Fatal("the body closed, the attempt's context did not end")
		}
		if errors.Is(context.Cause(got), timeout.ErrExceeded) {
			t.Fatalf("ended with %v: no deadline was exceeded", context.Cause(got))
		}
	}
}

// A layer alone in a plain http.Client over a transport that answers with
// a nil Body (a test fake's usual empty body, which net/http's Client
// reads as empty) wrapped the nil Body, and the caller's first Read
// panicked: the http.Client, which fills in an empty body, sees the
// layer's wrapper. The layers read it as empty now.
func TestLayersAloneReadNilBodyAsEmpty(t *testing.T) {
	nilBody := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}, nil
	})
	for name, m := range map[string]middleware.Middleware{
		"timeout": timeout.Middleware(),
		"breaker": breaker.Middleware(),
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			hc := &http.Client{Transport: middleware.Chain(nilBody, m)}
			resp, err := hc.Get("http://api.test/")
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || len(b) != 0 {
				t.Fatalf("body %q, %v", b, err)
			}
		})
	}
}
