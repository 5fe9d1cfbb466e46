package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// TestStreamAttemptSpanEndsWithTheStream: a streamed call's attempt span
// is still open once the headers and the first chunk have been handed over,
// and ends when the caller has read the stream to its end.
func TestStreamAttemptSpanEndsWithTheStream(t *testing.T) {
	release := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("first "))
		flush(w)
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Write([]byte("second"))
	})
	sr := tracetest.NewSpanRecorder()
	tp := trace.NewTracerProvider(trace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	attemptEnded := func() bool {
		for _, s := range sr.Ended() {
			if s.SpanKind() == oteltrace.SpanKindClient {
				return true
			}
		}
		return false
	}
	if attemptEnded() {
		t.Fatal("the attempt span ended before the stream did")
	}
	close(release)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(body) != "first second" {
		t.Fatalf("body %q, %v", body, err)
	}
	if !attemptEnded() {
		t.Error("the attempt span did not end with the stream")
	}
}
