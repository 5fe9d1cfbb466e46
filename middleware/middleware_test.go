package middleware_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/middleware"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestChainOrder(t *testing.T) {
	var trace []string
	layer := func(name string) middleware.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				trace = append(trace, name+">")
				resp, err := next.RoundTrip(r)
				trace = append(trace, "<"+name)
				return resp, err
			})
		}
	}
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		trace = append(trace, "transport")
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	rt := middleware.Chain(base, layer("a"), nil, layer("b"), layer("c"))
	req, _ := http.NewRequest("GET", "http://x.test/", nil)
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := strings.Join(trace, " "); got != "a> b> c> transport <c <b <a" {
		t.Errorf("trace %q", got)
	}
}

func TestCallIsNilSafe(t *testing.T) {
	var c *middleware.Call
	c.AddAttempt()
	c.Visit("x")
	if c.TakeRetry() || c.Attempts() != 0 || c.AnsweredURL() != "" {
		t.Error("nil Call did something")
	}
	if middleware.CallFrom(context.Background()) != nil {
		t.Error("CallFrom of a bare context")
	}
}

func TestRetryBudgetShared(t *testing.T) {
	c := middleware.NewCall(middleware.Settings{RetryTimes: 2})
	if !c.TakeRetry() || !c.TakeRetry() || c.TakeRetry() {
		t.Error("budget of 2 gave another count")
	}
	c.ResetRetries() // RetryPerURL is off: still spent
	if c.TakeRetry() {
		t.Error("reset without RetryPerURL")
	}
	c = middleware.NewCall(middleware.Settings{RetryTimes: 1, RetryPerURL: true})
	c.TakeRetry()
	c.ResetRetries()
	if !c.TakeRetry() {
		t.Error("RetryPerURL reset did not give a new budget")
	}
}

// TestCallBufferBody: the Call's room holds the first buffered body; the
// next ones get their own, and a failed read leaves the room free.
func TestCallBufferBody(t *testing.T) {
	call := middleware.NewCall(middleware.Settings{})
	resp := func(s string) *http.Response {
		return &http.Response{StatusCode: 200, ContentLength: -1, Body: io.NopCloser(strings.NewReader(s))}
	}
	big := resp("too large for the bound")
	if _, err := call.BufferBody(big, 3); !errors.Is(err, middleware.ErrTooLarge) {
		t.Fatal(err)
	}
	a, b := resp("first"), resp("second")
	if got, err := call.BufferBody(a, 100); err != nil || string(got) != "first" {
		t.Fatal(got, err)
	}
	if got, err := call.BufferBody(b, 100); err != nil || string(got) != "second" {
		t.Fatal(got, err)
	}
	ab, _ := io.ReadAll(a.Body)
	bb, _ := io.ReadAll(b.Body)
	if string(ab) != "first" || string(bb) != "second" || a.Body == b.Body {
		t.Errorf("bodies %q %q", ab, bb)
	}
	var none *middleware.Call
	if got, err := none.BufferBody(resp("x"), 10); err != nil || string(got) != "x" {
		t.Errorf("nil Call: %q %v", got, err)
	}
}

// rewindBody is a response body that can be read again, so that allocation
// counts see only what buffering costs.
type rewindBody struct{ bytes.Reader }

func (*rewindBody) Close() error { return nil }

// TestCallBufferBodySavesAnAllocation: Call.BufferBody "saves an allocation
// per request" against middleware.BufferBody, the alternative it names: a
// request's Call and its buffered answer cost one allocation fewer, the
// BufferedBody living in the Call.
func TestCallBufferBodySavesAnAllocation(t *testing.T) {
	data := []byte(`{"id":7,"name":"Ann"}`)
	for _, length := range []int64{int64(len(data)), -1} { // announced, and of unknown length
		body := &rewindBody{}
		resp := &http.Response{StatusCode: 200}
		run := func(buffer func(*middleware.Call) ([]byte, error)) func() {
			return func() {
				body.Reset(data)
				resp.Body, resp.ContentLength = body, length
				call := middleware.NewCall(middleware.Settings{})
				if b, err := buffer(call); err != nil || !bytes.Equal(b, data) {
					t.Fatalf("buffered %q, %v", b, err)
				}
				if _, ok := resp.Body.(*middleware.BufferedBody); !ok {
					t.Fatalf("body %T, want a *middleware.BufferedBody", resp.Body)
				}
			}
		}
		withCall := testing.AllocsPerRun(100, run(func(c *middleware.Call) ([]byte, error) {
			return c.BufferBody(resp, 1<<20)
		}))
		alone := testing.AllocsPerRun(100, run(func(*middleware.Call) ([]byte, error) {
			return middleware.BufferBody(resp, 1<<20)
		}))
		if alone-withCall != 1 {
			t.Errorf("length %d: a Call and its buffered body cost %.0f allocations with Call.BufferBody, %.0f with BufferBody; want one fewer",
				length, withCall, alone)
		}
	}
}
