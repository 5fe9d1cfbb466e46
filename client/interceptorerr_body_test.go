package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A failed call hands back no body to read: when an interceptor fails an
// EnableChunked call after proceeding (a check of its own on the status),
// the streamed body it returns with its error is closed by the client, so
// the connection is not held open by a caller who, as for any failure,
// reads the error and not Response.Body.
func TestInterceptorFailureClosesTheStreamedBody(t *testing.T) {
	gone := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.Write([]byte("first"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			close(gone)
		case <-time.After(3 * time.Second):
		}
	})
	c := client.New()
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, opt)
		if err == nil {
			err = errors.New("refused by the interceptor")
		}
		return resp, err
	})
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err == nil {
		t.Fatal("want the interceptor's failure")
	}
	if resp.Body != nil {
		t.Error("a failed call's Response has a Body")
	}
	select {
	case <-gone:
	case <-time.After(time.Second):
		t.Error("the streamed body of the failed call was left open")
		if resp.Body != nil {
			resp.Body.Close()
		}
	}
}
