package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestTransportErrorRedactsAQuotedCredentialLine: the README has a plain
// http.Client over c.Transport() wrap the stack's error "(redacted; ...)"
// in a *url.Error, and tells you to log its Err. net/http's error for a
// malformed header line quotes the line whole: the Err showed a
// Set-Cookie's session, and the value of a header named by
// WithCredentialHeaders, in clear. errors.Is still finds the cause.
func TestTransportErrorRedactsAQuotedCredentialLine(t *testing.T) {
	for _, tc := range []struct{ line, secret, want string }{
		{"set-cookie: sid=cookie-secret\x01", "cookie-secret", "set-cookie: redacted"},
		{"x-workspace: tenant-secret\x01", "tenant-secret", "x-workspace: redacted"},
	} {
		u := rawHeaderServer(t, "HTTP/1.1 200 OK\r\n"+tc.line+"\r\n")
		c := client.New(client.WithCredentialHeaders("X-Workspace"))
		hc := &http.Client{Transport: c.Transport()}
		_, err := hc.Get(u + "/me")
		var ue *url.Error
		if !errors.As(err, &ue) || !errors.Is(err, retry.ErrExhausted) {
			t.Fatalf("err %v; want a *url.Error around retry's exhausted error", err)
		}
		if text := ue.Err.Error(); strings.Contains(text, tc.secret) || !strings.Contains(strings.ToLower(text), tc.want) {
			t.Errorf("Err: %s; want %q", text, tc.want)
		}
		if ue.Timeout() {
			t.Errorf("Timeout() true for %v", err)
		}
		c.CloseIdleConnections()
	}
}

// TestTransportErrorStillTimesOut: the redacted error still answers
// url.Error.Timeout, which asks the *url.Error's Err alone.
func TestTransportErrorStillTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	c := client.New()
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, err := (&http.Client{Transport: c.Transport()}).Do(req)
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v; want a *url.Error that times out", err)
	}
}
