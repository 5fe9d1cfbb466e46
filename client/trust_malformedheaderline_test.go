package client_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// rawHeaderServer answers every request on loopback with the response
// head given, as it is, and a body of "{}".
func rawHeaderServer(t *testing.T, head string) string {
	return layertest.RawAnswers(t, func(string) string {
		return head + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"
	})
}

// TestMalformedCredentialHeaderLineRedacted: net/http fails a response
// with a malformed header line (a control byte in its value) with an
// error quoting the line whole. A Set-Cookie's session or an
// X-Auth-Token's value in it is a credential header value: the call's
// error, its ErrMsg, the log record and the spans show it REDACTED.
func TestMalformedCredentialHeaderLineRedacted(t *testing.T) {
	for _, line := range []string{
		"Set-Cookie: sid=sess-secret\x01; Path=/",
		"X-Auth-Token: tok-\"quoted\"-secret\x7f",
		" Set-Cookie: sid=sess-secret",  // a first line that starts with a space: "initial line"
		"Set-Cookie\t: sid=sess-secret", // a name net/textproto refuses, its byte %q-escaped
		"X-Auth-Token\xe9: tok-secret",
		"Set-Cookie\\: sid=sess-secret", // a backslash (%q's \\), a character %q leaves as it is
		"X-Auth-Token\u00e9: tok-secret",
	} {
		u := rawHeaderServer(t, "HTTP/1.1 200 OK\r\n"+line+"\r\n")
		var logs bytes.Buffer
		sr := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
		c := fastClient(
			client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&logs, nil)))),
			client.WithOuterLayers(tracing.RequestMiddleware(tracing.WithTracerProvider(tp))),
			client.WithInnerLayers(tracing.Middleware(tracing.WithTracerProvider(tp))),
		)
		resp, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: 1})
		_ = tp.Shutdown(context.Background())
		if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
			t.Fatalf("%q: err %v; want net/http's malformed header error", line, err)
		}
		texts := map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg, "log": logs.String()}
		for i, s := range sr.Ended() {
			texts[fmt.Sprintf("span %d", i)] = fmt.Sprint(s.Status().Description, s.Attributes(), s.Events())
		}
		for where, text := range texts {
			if strings.Contains(text, "secret") {
				t.Errorf("%q: the %s shows the value: %s", line, where, text)
			}
		}
		if !strings.Contains(err.Error(), "REDACTED") {
			t.Errorf("%q: error %v; want the line, its value REDACTED", line, err)
		}
	}
}
