package client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestMalformedHeaderLineOfAnAddedCredentialNameRedacted: the README
// redacts credential header values in errors, "your WithCredentialHeaders
// names included". net/http's error for a malformed header line quotes the
// line whole; a header named by WithCredentialHeaders ("X-Tenant") showed
// its value in the call's error and ErrMsg, where Set-Cookie's is
// REDACTED. A name the client was not given stays as it is.
func TestMalformedHeaderLineOfAnAddedCredentialNameRedacted(t *testing.T) {
	u := rawHeaderServer(t, "HTTP/1.1 200 OK\r\nx-tenant: tenant-secret\x01\r\n")
	c := client.New(client.WithCredentialHeaders("X-Tenant"))
	defer c.CloseIdleConnections()
	resp, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	for where, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg} {
		if strings.Contains(text, "tenant-secret") || !strings.Contains(strings.ToLower(text), "x-tenant: redacted") {
			t.Errorf("the %s: %s; want the X-Tenant value REDACTED", where, text)
		}
	}

	plain := client.New()
	defer plain.CloseIdleConnections()
	_, err = plain.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "tenant-secret") {
		t.Errorf("without the name: %v; want the line as it is", err)
	}
}
