package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// TestLogRedactsAQuotedLineOfAnAddedCredentialName: net/http's error for a
// malformed header line quotes the line whole. The call's error redacts
// the value of a header named by the client's WithCredentialHeaders
// ("X-Tenant"); the records of the same call, the layer's and the
// interceptor's ("error" and "errMsg"), showed it.
func TestLogRedactsAQuotedLineOfAnAddedCredentialName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-tenant: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithCredentialHeaders("X-Tenant"),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithInnerLayers(reqlog.Middleware(logger)))
	defer c.CloseIdleConnections()
	_, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	out := buf.String()
	if strings.Count(out, "\n") < 2 || strings.Count(strings.ToLower(out), "x-tenant: redacted") < 3 {
		t.Errorf("records:\n%s\nwant the layer's error, the interceptor's error and errMsg with X-Tenant REDACTED", out)
	}
	if strings.Contains(out, "tenant-secret") {
		t.Errorf("a record shows X-Tenant's value:\n%s", out)
	}
}
