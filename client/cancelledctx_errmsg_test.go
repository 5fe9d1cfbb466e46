package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// ErrAbort's doc: a ctx cancelled mid-request ends the call with the ctx's
// error, not ErrAbort (Task.Abort's cause), and its ErrMsg says
// "request:fail abort" all the same.
func TestCancelledCtxEndsWithCanceledAndErrMsgAbort(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	resp, err := client.New().Request(ctx, client.Option{URL: srv.URL, Timeout: 5 * time.Second})
	if !errors.Is(err, context.Canceled) || errors.Is(err, client.ErrAbort) {
		t.Fatalf("err %v; want context.Canceled, not ErrAbort", err)
	}
	if resp.ErrMsg != "request:fail abort" {
		t.Errorf("ErrMsg %q, want request:fail abort", resp.ErrMsg)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v; the cancel should end the call at once", d)
	}
}
