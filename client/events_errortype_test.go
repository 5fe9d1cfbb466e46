package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// An event stream that ends with an error ends with an *client.Error, as
// every call does (err.(*client.Error) holds), also when the error is that
// of a connection's body read: the ctx ending mid-stream, or a stream that
// broke too many times in a row. Fail gets the same error.
func TestEventsEndingErrorIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if r.URL.Path == "/broken" {
			// A body that breaks after some bytes, with no event.
			w.Header().Set("Content-Length", "100")
			_, _ = io.WriteString(w, ": hello\n")
			return
		}
		_, _ = io.WriteString(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))

	var msg string
	run := func(ctx context.Context, cancel func(), opt client.Option) (final, failed error) {
		opt.Fail = func(r *client.Response, err error) { msg, failed = r.ErrMsg, err }
		for _, err := range c.Events(ctx, opt) {
			if err != nil {
				final = err
				continue
			}
			cancel()
		}
		return final, failed
	}

	ctx, cancel := context.WithCancel(context.Background())
	final, failed := run(ctx, cancel, client.Option{URL: "/live"})
	cancel()
	if _, ok := final.(*client.Error); !ok || !errors.Is(final, context.Canceled) || final != failed {
		t.Errorf("cancelled mid-stream: %T %v (Fail got %v), want an *client.Error matching context.Canceled", final, final, failed)
	}
	if msg != "request:fail abort" {
		t.Errorf("cancelled mid-stream: ErrMsg %q", msg)
	}

	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	final, failed = run(ctx, func() {}, client.Option{URL: "/broken", RetryTimes: client.NoRetry})
	if _, ok := final.(*client.Error); !ok || !errors.Is(final, client.ErrStreamBroken) || final != failed {
		t.Errorf("broken stream: %T %v (Fail got %v), want an *client.Error matching ErrStreamBroken", final, final, failed)
	}
}
