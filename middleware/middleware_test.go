package middleware_test

import (
	"context"
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
