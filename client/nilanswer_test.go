package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestLayerAnsweringNilNilFailsTheCall: a caller's layer that breaks the
// RoundTripper contract with (nil, nil), wherever it sits, fails the call
// with an error naming it, as net/http does for a transport; the client's
// own layers above it used to dereference the nil answer and panic.
func TestLayerAnsweringNilNilFailsTheCall(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`"ok"`))
	nilNil := func(http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if r.Body != nil {
				r.Body.Close()
			}
			return nil, nil
		})
	}
	for name, opt := range map[string]client.ClientOption{
		"inner":                   client.WithInnerLayers(nilNil),
		"outer":                   client.WithOuterLayers(nilNil),
		"under WithLayers' retry": client.WithLayers(retry.Middleware(), nilNil),
	} {
		t.Run(name, func(t *testing.T) {
			c := client.New(opt, client.WithBaseURL(srv.URL))
			resp, err := c.Request(context.Background(), client.Option{URL: "/", RetryTimes: client.NoRetry})
			if err == nil || !strings.Contains(err.Error(), "nil *Response with a nil error") ||
				resp == nil || !strings.HasPrefix(resp.ErrMsg, "request:fail") {
				t.Fatalf("err %v, resp %+v", err, resp)
			}
			if srv.Count() != 0 {
				t.Errorf("the server got %d requests through a layer that answers itself", srv.Count())
			}
		})
	}
}

// TestInterceptorAnsweringNilNilFailsTheCall: an interceptor that returns
// neither an answer nor an error fails the call (it used to be an empty
// "request:ok"), and the interceptor around it sees the error, not a nil
// Response it would dereference.
func TestInterceptorAnsweringNilNilFailsTheCall(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`"ok"`))
	var outerSaw error
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(
		func(ctx context.Context, o client.Option, proceed client.Proceed) (*client.Response, error) {
			resp, err := proceed(ctx, o)
			outerSaw = err
			return resp, err
		},
		func(context.Context, client.Option, client.Proceed) (*client.Response, error) { return nil, nil },
	))
	resp, err := c.Request(context.Background(), client.Option{URL: "/"})
	var ce *client.Error
	if !errors.As(err, &ce) || resp.ErrMsg != "request:fail interceptor 1 returned a nil *Response with a nil error" {
		t.Fatalf("err %v, ErrMsg %q", err, resp.ErrMsg)
	}
	if outerSaw == nil {
		t.Error("the outer interceptor was handed (nil, nil)")
	}
}
