package oteltaroreq_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// A servlet container that cannot set a cookie (the client's default
// Credentials: omit) keeps the session in the path, ";jsessionid=<id>",
// and redirects there. The session id is a credential as much as
// ?session_id= is: no span attribute, event or status carries it.
func TestSpansRedactASessionInAPathParameter(t *testing.T) {
	const sid = "S3SSION-IN-PATH"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			w.Header().Set("Location", "/app/home;jsessionid="+sid+"?tab=1")
			w.WriteHeader(http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	c := client.New(client.WithBaseURL(srv.URL), oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)))
	if _, err := c.Request(context.Background(), client.Option{URL: "/login", RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, s := range sr.Ended() {
		texts := []string{s.Status().Description}
		for _, kv := range s.Attributes() {
			texts = append(texts, string(kv.Key)+"="+kv.Value.Emit())
		}
		for _, e := range s.Events() {
			for _, kv := range e.Attributes {
				texts = append(texts, string(kv.Key)+"="+kv.Value.Emit())
			}
		}
		for _, txt := range texts {
			if strings.Contains(txt, sid) {
				t.Errorf("span %q: %s", s.Name(), txt)
			}
			if strings.Contains(txt, "jsessionid=REDACTED") {
				seen = true
			}
		}
	}
	if !seen {
		t.Error("no span names the redirected URL with jsessionid=REDACTED")
	}
}
