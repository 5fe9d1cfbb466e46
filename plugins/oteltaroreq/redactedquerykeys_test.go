package oteltaroreq_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// spanTexts is every attribute, event attribute and status description of
// the ended spans, one text each.
func spanTexts(sr *tracetest.SpanRecorder) []string {
	var texts []string
	for _, s := range sr.Ended() {
		for _, kv := range s.Attributes() {
			texts = append(texts, s.Name()+": "+string(kv.Key)+"="+kv.Value.Emit())
		}
		for _, e := range s.Events() {
			for _, kv := range e.Attributes {
				texts = append(texts, s.Name()+" event "+e.Name+": "+string(kv.Key)+"="+kv.Value.Emit())
			}
		}
		texts = append(texts, s.Name()+" status: "+s.Status().Description)
	}
	return texts
}

// README (Security): tracing.WithRedactedQueryKeys adds query names to a
// span. A name only it knows (tenant) is REDACTED wherever the spans name
// a URL: url.full of the request and attempt spans, the URL that answered
// (after a redirect), the retry and failover events, and the status of a
// call that failed, whose error text quotes the URL.
func TestSpansRedactTheQueryKeysAddedForThem(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n := hits.Add(1); {
		case r.URL.Path == "/a" && n == 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/a":
			http.Redirect(w, r, "/b?tenant=HOP-SECRET", http.StatusFound)
		default:
			_, _ = io.WriteString(w, "{}")
		}
	}))
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() // refuses once closed
	ln.Close()

	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	c := client.New(client.WithBaseURL(srv.URL),
		client.WithRetry(retry.WithBackoff(nil, time.Millisecond, time.Millisecond)),
		oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithRedactedQueryKeys("tenant")))
	if _, err := c.Request(context.Background(), client.Option{URL: "/a?tenant=URL-SECRET",
		Data: map[string]string{"q": "1"}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Request(context.Background(), client.Option{URL: dead + "/x?tenant=DEAD-SECRET",
		Backup: []string{dead + "/y?tenant=BACKUP-SECRET"}, Mode: client.ModeCORS, RetryTimes: 1})
	if err == nil {
		t.Fatal("a refused URL answered")
	}
	texts := spanTexts(sr)
	redacted := 0
	for _, txt := range texts {
		if strings.Contains(txt, "SECRET") {
			t.Errorf("a span names a tenant: %s", txt)
		}
		if strings.Contains(txt, "tenant=REDACTED") {
			redacted++
		}
	}
	if redacted < 6 {
		t.Errorf("%d span texts name a redacted tenant, want 6 or more:\n%s", redacted, strings.Join(texts, "\n"))
	}
}
