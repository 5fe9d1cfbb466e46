package reqlog_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// TestWithHeadersRedactsSecretNames: what the package doc says of
// WithHeaders: besides Authorization, Cookie, Set-Cookie and
// Proxy-Authorization, the values of headers with a secret-looking name, in
// the request (X-Api-Key) and the response (X-Session-Token), and of the
// client's WithCredentialHeaders names are written as REDACTED, by the
// interceptor and the layer alike; other headers are logged as they are.
func TestWithHeadersRedactsSecretNames(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Session-Token", "resp-secret")
		w.Header().Set("X-Plain", "resp-plain")
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(
		client.WithInterceptors(reqlog.Interceptor(l, reqlog.WithHeaders())),
		client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())),
		client.WithCredentialHeaders("X-Workspace"))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Header: http.Header{
		"X-Api-Key": {"key-secret"}, "X-Workspace": {"tenant-secret"}, "X-Request-Id": {"req-plain"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Count(out, "\n") != 2 {
		t.Fatalf("want two records (request, attempt):\n%s", out)
	}
	if strings.Contains(out, "secret") {
		t.Errorf("a secret was logged:\n%s", out)
	}
	for _, want := range []string{"header.X-Api-Key=REDACTED", "header.X-Workspace=REDACTED",
		"response_header.X-Session-Token=REDACTED", "req-plain", "resp-plain"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

// TestLogRedactsAQuotedLineOfAnAddedCredentialName: net/http's error for a
// malformed header line quotes the line whole. The call's error redacts
// the value of a header named by the client's WithCredentialHeaders
// ("X-Workspace"); the records of the same call, the layer's and the
// interceptor's ("error" and "errMsg"), showed it.
func TestLogRedactsAQuotedLineOfAnAddedCredentialName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-workspace: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithCredentialHeaders("X-Workspace"),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithInnerLayers(reqlog.Middleware(logger)))
	defer c.CloseIdleConnections()
	_, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	out := buf.String()
	if strings.Count(out, "\n") < 2 || strings.Count(strings.ToLower(out), "x-workspace: redacted") < 3 {
		t.Errorf("records:\n%s\nwant the layer's error, the interceptor's error and errMsg with X-Workspace REDACTED", out)
	}
	if strings.Contains(out, "tenant-secret") {
		t.Errorf("a record shows X-Workspace's value:\n%s", out)
	}
}

// TestErrorRecordRedactsAQuotedLineOfARedactedHeaderName: a header named
// with WithRedactedHeaders has its value written as REDACTED; net/http's
// error for a malformed header line quotes the line whole, and the
// record's "error" (the layer's, the interceptor's "error" and "errMsg")
// showed that value, as only the client's WithCredentialHeaders names were
// redacted there.
func TestErrorRecordRedactsAQuotedLineOfARedactedHeaderName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-workspace: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	opt := reqlog.WithRedactedHeaders("X-Workspace")

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
	if strings.Contains(out, "tenant-secret") || strings.Count(strings.ToLower(out), "x-workspace: redacted") < 4 {
		t.Errorf("records:\n%s\nwant every error with X-Workspace REDACTED", out)
	}
}
