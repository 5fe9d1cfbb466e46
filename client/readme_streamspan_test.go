package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// README (Streaming): each attempt's span ends when its body ends, by an
// error or a Close too, not only at EOF; the error marks it.
func TestReadmeStreamAttemptSpanEndsAtAnErrorOrAClose(t *testing.T) {
	full := strings.Repeat("x", 1000)
	hold := make(chan struct{})
	defer close(hold)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cut" {
			cutAfter(w, full[:100], len(full))
		}
		w.Write([]byte(full[:100]))
		flush(w)
		select { // the rest never comes: only a Close ends it
		case <-hold:
		case <-r.Context().Done():
		}
	})
	for _, path := range []string{"/cut", "/close"} {
		t.Run(path, func(t *testing.T) {
			sr := tracetest.NewSpanRecorder()
			tp := trace.NewTracerProvider(trace.WithSpanProcessor(sr))
			defer tp.Shutdown(context.Background())
			c := client.New(fastRetry, oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)))
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + path, EnableChunked: true})
			if err != nil {
				t.Fatal(err)
			}
			attempt := func() trace.ReadOnlySpan {
				for _, s := range sr.Ended() {
					if s.SpanKind() == oteltrace.SpanKindClient {
						return s
					}
				}
				return nil
			}
			buf := make([]byte, 100)
			if _, err := io.ReadFull(resp.Body, buf); err != nil {
				t.Fatal(err)
			}
			if attempt() != nil {
				t.Fatal("the attempt span ended before the body did")
			}
			if path == "/cut" {
				if _, err := io.ReadAll(resp.Body); !errors.Is(err, client.ErrStreamBroken) {
					t.Fatalf("read %v, want ErrStreamBroken", err)
				}
				s := attempt()
				if s == nil {
					t.Fatal("the attempt span did not end at the error")
				}
				if s.Status().Code != codes.Error {
					t.Errorf("the attempt span of a broken stream has status %v", s.Status())
				}
				resp.Body.Close()
				return
			}
			resp.Body.Close()
			if attempt() == nil {
				t.Fatal("the attempt span did not end at Close")
			}
		})
	}
}
