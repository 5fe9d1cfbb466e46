package oteltaroreq_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// An image proxy (imgproxy, thumbor) or a PDF renderer is given the URL to
// fetch in the query: a signed download URL, whose signature is a
// credential for as long as it lasts. The spans and the log name the
// request with that URL redacted, as a form body's or a JSON body's link
// is in a recording.
func TestSpansAndLogRedactASignedURLGivenAsAQueryValue(t *testing.T) {
	const signed = "https://bucket.s3.example/a.jpg?X-Amz-Credential=AKIA-SECRET&X-Amz-Signature=SIG-SECRET"
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Query().Get("src")
		_, _ = io.WriteString(w, "{}")
	}))
	defer srv.Close()
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	var logs bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&logs, nil))
	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)),
		client.WithInterceptors(reqlog.Interceptor(lg)), client.WithInnerLayers(reqlog.Middleware(lg)))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/resize",
		Data: map[string]any{"src": signed, "w": 100}, RetryTimes: client.NoRetry})
	if err != nil {
		t.Fatal(err)
	}
	if got != signed {
		t.Fatalf("the proxy got src=%q: the request itself must carry the URL as given", got)
	}
	var texts []string
	for _, s := range sr.Ended() {
		for _, kv := range s.Attributes() {
			texts = append(texts, s.Name()+": "+string(kv.Key)+"="+kv.Value.Emit())
		}
	}
	texts = append(texts, strings.Split(strings.TrimSpace(logs.String()), "\n")...)
	seen := 0
	for _, txt := range texts {
		if strings.Contains(txt, "SECRET") {
			t.Errorf("leaks the signed URL: %s", txt)
		}
		if strings.Contains(txt, "X-Amz-Signature%3DREDACTED") {
			seen++
		}
	}
	if seen < 4 { // each span's url.full, each log record's url
		t.Errorf("%d texts name the redacted URL, want 4 or more:\n%s", seen, strings.Join(texts, "\n"))
	}
}
