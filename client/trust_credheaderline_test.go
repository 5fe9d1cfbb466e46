package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestMalformedHeaderLineOfAnAddedCredentialNameRedacted: the README
// redacts credential header values in errors, "your WithCredentialHeaders
// names included". net/http's error for a malformed header line quotes the
// line whole; a header named by WithCredentialHeaders ("X-Workspace") showed
// its value in the call's error and ErrMsg, where Set-Cookie's is
// REDACTED. A name the client was not given stays as it is.
func TestMalformedHeaderLineOfAnAddedCredentialNameRedacted(t *testing.T) {
	u := rawHeaderServer(t, "HTTP/1.1 200 OK\r\nx-workspace: tenant-secret\x01\r\n")
	c := client.New(client.WithCredentialHeaders("X-Workspace"))
	defer c.CloseIdleConnections()
	resp, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	for where, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg} {
		if strings.Contains(text, "tenant-secret") || !strings.Contains(strings.ToLower(text), "x-workspace: redacted") {
			t.Errorf("the %s: %s; want the X-Workspace value REDACTED", where, text)
		}
	}

	plain := client.New()
	defer plain.CloseIdleConnections()
	_, err = plain.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "tenant-secret") {
		t.Errorf("without the name: %v; want the line as it is", err)
	}
}

// TestEventsRedactAQuotedLineOfAnAddedCredentialName: the README redacts
// credential header values in events as in errors, "your
// WithCredentialHeaders names included". net/http's error for a malformed
// header line quotes the line whole; a retry event's error, read by a
// layer through the Call's Events, showed the value of an X-Workspace line
// the client was told holds a credential, where the call's error redacts it.
func TestEventsRedactAQuotedLineOfAnAddedCredentialName(t *testing.T) {
	u := rawHeaderServer(t, "HTTP/1.1 200 OK\r\nx-workspace: tenant-secret\x01\r\n")
	var events []middleware.Event
	observe := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			events = middleware.CallFrom(req.Context()).Events()
			return resp, err
		})
	}
	c := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithOuterLayers(observe),
		client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
	defer c.CloseIdleConnections()
	_, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: 1})
	if err == nil || strings.Contains(err.Error(), "tenant-secret") {
		t.Fatalf("err %v; want net/http's malformed header error, X-Workspace redacted", err)
	}
	seen := 0
	for _, e := range events {
		if e.Err == nil {
			continue
		}
		seen++
		if text := e.Err.Error(); strings.Contains(text, "tenant-secret") || !strings.Contains(strings.ToLower(text), "x-workspace: redacted") {
			t.Errorf("event %s: %s; want X-Workspace's value REDACTED", e.Name, text)
		}
	}
	if seen == 0 {
		t.Fatalf("events %v; want a retry event with its error", events)
	}
}
