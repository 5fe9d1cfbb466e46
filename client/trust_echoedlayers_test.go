package client_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// The log layer's record and the spans' status say a failed attempt's
// error with their own redaction, by names: a header line net/http
// refuses that echoes the request's credentials under a name no rule
// knows ("X-Echo: v=<key> t=<token>") showed them there, as the call's
// error did. They replace the request's credential values too
// (credential.RequestEchoes), on the failure path alone, and so do the
// request span's events (the retry's error).
func TestLayersRedactEchoedCredentialsInErrors(t *testing.T) {
	srv := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nX-Echo: v=akey-12345678 t=btok-12345678 q=qtok-12345678 n=note-12345678\x01\r\n" +
			"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
	})
	var logs bytes.Buffer
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	c := fastClient(
		client.WithOuterLayers(tracing.RequestMiddleware(tracing.WithTracerProvider(tp))),
		client.WithInnerLayers(reqlog.Middleware(slog.New(slog.NewJSONHandler(&logs, nil))),
			tracing.Middleware(tracing.WithTracerProvider(tp))),
	)
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.Request(ctx, client.Option{URL: srv + "/x?token=qtok-12345678&note=note-12345678",
		RetryTimes: 1, Header: http.Header{"X-Api-Key": {"akey-12345678"}, "Authorization": {"Bearer btok-12345678"}}})
	_ = tp.Shutdown(context.Background())
	if err == nil || !strings.Contains(logs.String(), "malformed MIME header line") {
		t.Fatalf("err %v, log %s", err, &logs)
	}
	texts := map[string]string{"log": logs.String()}
	if !strings.Contains(fmt.Sprint(sr.Ended()[len(sr.Ended())-1].Events()), "malformed MIME header line") {
		t.Errorf("the request span has no retry event with the error: %v", sr.Ended()[len(sr.Ended())-1].Events())
	}
	spans := sr.Ended()
	if len(spans) < 2 {
		t.Fatalf("%d spans, want the request's and the attempt's", len(spans))
	}
	for i, s := range spans {
		texts[fmt.Sprintf("span %d", i)] = fmt.Sprint(s.Status().Description, s.Events())
		if !strings.Contains(s.Status().Description, "n=note-12345678") {
			t.Errorf("span %d: status %q; want the line, what is no credential as it is", i, s.Status().Description)
		}
	}
	for where, text := range texts {
		for _, secret := range []string{"akey-12345678", "btok-12345678", "qtok-12345678"} {
			if strings.Contains(text, secret) {
				t.Errorf("the %s shows %s: %s", where, secret, text)
			}
		}
	}
}
