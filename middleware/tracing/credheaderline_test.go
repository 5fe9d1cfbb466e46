package tracing_test

import (
	"context"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// TestSpansRedactAQuotedLineOfAnAddedCredentialName: net/http's error for
// a malformed header line quotes the line whole. The call's error redacts
// the value of a header named by the client's WithCredentialHeaders
// ("X-Tenant"); the status of the call's spans, the request's and the
// attempt's, showed it.
func TestSpansRedactAQuotedLineOfAnAddedCredentialName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-tenant: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	r := newRig(t)
	c := client.New(client.WithCredentialHeaders("X-Tenant"),
		client.WithOuterLayers(tracing.RequestMiddleware(r.opts...)),
		client.WithInnerLayers(tracing.Middleware(r.opts...)))
	defer c.CloseIdleConnections()
	_, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	spans := r.sr.Ended()
	if len(spans) < 2 {
		t.Fatalf("%d spans; want the request's and the attempt's", len(spans))
	}
	for _, s := range spans {
		d := s.Status().Description
		if strings.Contains(d, "tenant-secret") || !strings.Contains(strings.ToLower(d), "x-tenant: redacted") {
			t.Errorf("span %q status %q; want X-Tenant's value REDACTED", s.Name(), d)
		}
		for _, e := range s.Events() {
			for _, a := range e.Attributes {
				if strings.Contains(a.Value.Emit(), "tenant-secret") {
					t.Errorf("span %q event %q: %s", s.Name(), e.Name, a.Value.Emit())
				}
			}
		}
	}
}
