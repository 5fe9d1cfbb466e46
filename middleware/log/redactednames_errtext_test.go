package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// TestErrorRecordRedactsAQuotedLineOfARedactedHeaderName: a header named
// with WithRedactedHeaders has its value written as REDACTED; net/http's
// error for a malformed header line quotes the line whole, and the
// record's "error" (the layer's, the interceptor's "error" and "errMsg")
// showed that value, as only the client's WithCredentialHeaders names were
// redacted there.
func TestErrorRecordRedactsAQuotedLineOfARedactedHeaderName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-tenant: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	opt := reqlog.WithRedactedHeaders("X-Tenant")

	hc := &http.Client{Transport: reqlog.New(http.DefaultTransport.(*http.Transport).Clone(), logger, opt)}
	if _, err := hc.Get(u + "/me"); err == nil {
		t.Fatal("no error; want net/http's malformed header error")
	}

	c := client.New(client.WithInterceptors(reqlog.Interceptor(logger, opt)),
		client.WithInnerLayers(reqlog.Middleware(logger, opt)))
	defer c.CloseIdleConnections()
	if _, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry}); err == nil {
		t.Fatal("no error; want net/http's malformed header error")
	}
	out := buf.String()
	if strings.Contains(out, "tenant-secret") || strings.Count(strings.ToLower(out), "x-tenant: redacted") < 4 {
		t.Errorf("records:\n%s\nwant every error with X-Tenant REDACTED", out)
	}
}
