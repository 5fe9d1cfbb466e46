package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Every call's error is an *client.Error, an interceptor's own included,
// and it still wraps what the interceptor returned.
func TestInterceptorErrorIsClientError(t *testing.T) {
	denied := errors.New("denied")
	c := client.New(client.WithInterceptors(func(ctx context.Context, opt client.Option, next client.Proceed) (*client.Response, error) {
		return nil, denied
	}))
	resp, err := c.Request(context.Background(), client.Option{URL: "https://user:pw@example.test/x?token=s3cret", Method: "post"})
	var ce *client.Error
	if !errors.As(err, &ce) || !errors.Is(err, denied) {
		t.Fatalf("err %T %v: want a *client.Error wrapping the interceptor's", err, err)
	}
	if ce.Method != "POST" && ce.Method != "post" || ce.URL == "" {
		t.Fatalf("error names %q %q", ce.Method, ce.URL)
	}
	if msg := err.Error(); strings.Contains(msg, "s3cret") || strings.Contains(msg, "pw@") {
		t.Fatalf("error shows a secret: %s", msg)
	}
	if resp == nil || resp.ErrMsg != "request:fail denied" {
		t.Fatalf("resp %+v", resp)
	}
}

// An interceptor that wraps the error of the call it proceeded with still
// hands back an *client.Error at the top, not only somewhere inside.
func TestInterceptorWrappedErrorIsClientError(t *testing.T) {
	c := client.New(client.WithInterceptors(func(ctx context.Context, opt client.Option, next client.Proceed) (*client.Response, error) {
		resp, err := next(ctx, opt)
		if err != nil {
			return resp, fmt.Errorf("audit: %w", err)
		}
		return resp, nil
	}))
	_, err := c.Request(context.Background(), client.Option{URL: "ftp://example.test/x"})
	if _, ok := err.(*client.Error); !ok || !errors.Is(err, client.ErrInvalidURL) || !strings.Contains(err.Error(), "audit: ") {
		t.Fatalf("err %T %v: want a *client.Error at the top, wrapping the interceptor's error and ErrInvalidURL", err, err)
	}
}
