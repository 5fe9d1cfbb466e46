package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// TestUnusableCallsFail: a nil context (given to a call, or to an
// interceptor's proceed) and a Client that New did not make (nil, or the zero
// value) are misuse, which fails the call with an *Error wrapping
// ErrInvalidOption, the Option's callbacks run once, no request sent: never a
// panic (Go's panicked in its own goroutine, killing the process).
func TestUnusableCallsFail(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{"a":1}`))
	}))
	defer srv.Close()
	var nilCtx context.Context
	good := client.New()
	proceedNil := client.New(client.WithInterceptors(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		return proceed(nil, opt) //nolint:staticcheck // the misuse under test
	}))
	calls := map[string]func(*client.Client, context.Context, client.Option) (*client.Response, error){
		"Request": (*client.Client).Request,
		"Go": func(c *client.Client, ctx context.Context, o client.Option) (*client.Response, error) {
			return c.Go(ctx, o).Wait()
		},
		"Do": func(c *client.Client, ctx context.Context, o client.Option) (*client.Response, error) {
			r, err := client.Do[map[string]any](ctx, c, o)
			if r == nil {
				return nil, err
			}
			return r.Response, err
		},
		"Events": func(c *client.Client, ctx context.Context, o client.Option) (*client.Response, error) {
			var last error
			for _, err := range c.Events(ctx, o) {
				last = err
			}
			return &client.Response{ErrMsg: "request:fail"}, last
		},
	}
	cases := []struct {
		name string
		c    *client.Client
		ctx  context.Context
	}{
		{"nil ctx", good, nilCtx},
		{"nil Client", nil, context.Background()},
		{"zero Client", new(client.Client), context.Background()},
		{"proceed(nil)", proceedNil, context.Background()},
	}
	for _, tc := range cases {
		for name, call := range calls {
			var fails, completes int
			opt := client.Option{URL: srv.URL,
				Fail:     func(*client.Response, error) { fails++ },
				Complete: func(*client.Response, error) { completes++ }}
			resp, err := call(tc.c, tc.ctx, opt)
			var e *client.Error
			if !errors.Is(err, client.ErrInvalidOption) || !errors.As(err, &e) {
				t.Errorf("%s %s: err %v, want an *Error wrapping ErrInvalidOption", tc.name, name, err)
			}
			if resp == nil || resp.ErrMsg == "request:ok" {
				t.Errorf("%s %s: resp %+v", tc.name, name, resp)
			}
			if fails != 1 || completes != 1 {
				t.Errorf("%s %s: Fail %d, Complete %d times, want once each", tc.name, name, fails, completes)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// TestUnusableClientMethods: the other methods of a nil or zero Client do
// not panic, and its Transport fails requests rather than being nil, which
// an http.Client reads as http.DefaultTransport (the layers skipped).
func TestUnusableClientMethods(t *testing.T) {
	for name, c := range map[string]*client.Client{"nil": nil, "zero": new(client.Client)} {
		c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
			return p(ctx, o)
		})
		c.CleanInterceptors()
		c.CloseIdleConnections()
		if c.SameOrigin("/x") {
			t.Errorf("%s: SameOrigin true", name)
		}
		rt := c.Transport()
		if rt == nil {
			t.Fatalf("%s: Transport() is nil", name)
		}
		req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
		if resp, err := rt.RoundTrip(req); resp != nil || !errors.Is(err, client.ErrInvalidOption) {
			t.Errorf("%s: Transport().RoundTrip = %v, %v", name, resp, err)
		}
	}
}

// TestErrorZeroValue: an *Error made by hand without a cause has a text and
// a reason, no panic.
func TestErrorZeroValue(t *testing.T) {
	e := &client.Error{}
	if e.Error() == "" || e.Reason() != "" {
		t.Errorf("Error() %q, Reason() %q", e.Error(), e.Reason())
	}
}

// TestTransportWithoutResponseOrError: a transport that returns neither a
// response nor an error (a test fake's slip) fails the call with an error
// that says so, as net/http's Client does; the layers above dereferenced
// the missing response and panicked.
func TestTransportWithoutResponseOrError(t *testing.T) {
	slip := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, nil })
	for name, c := range map[string]*client.Client{
		"default layers": client.New(client.WithTransport(slip)),
		"no layers":      client.New(client.WithTransport(slip), client.WithLayers()),
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: "http://api.test/x", RetryTimes: client.NoRetry})
		if err == nil || !strings.Contains(err.Error(), "nil *Response with a nil error") || resp == nil || resp.ErrMsg == "request:ok" {
			t.Errorf("%s: %+v, %v", name, resp, err)
		}
	}
}

// TestUnmadeClientCheckRedirect: a nil or zero Client's CheckRedirect stops
// the redirect with an error matching ErrInvalidOption, as every other call
// through such a Client fails. The nil one panicked (nil pointer) on a hop
// to another origin; the zero one followed it, with the policy of a client
// that has no credential names.
func TestUnmadeClientCheckRedirect(t *testing.T) {
	var nilClient *client.Client
	for name, c := range map[string]*client.Client{"nil": nilClient, "zero": {}} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic: %v", name, p)
				}
			}()
			first, _ := http.NewRequest(http.MethodGet, "http://a.test/", nil)
			hop, _ := http.NewRequest(http.MethodGet, "http://b.test/", nil)
			hop.Header.Set("Authorization", "Bearer s3cret")
			if err := c.CheckRedirect(hop, []*http.Request{first}); !errors.Is(err, client.ErrInvalidOption) {
				t.Errorf("%s: %v, want ErrInvalidOption", name, err)
			}
		}()
	}
}
