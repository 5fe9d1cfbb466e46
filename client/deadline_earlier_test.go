package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A call whose ctx deadline ends an attempt after earlier ones timed out
// (go-httpbin's /delay/3 with Timeout 1s and a 2.5 s ctx) said only
// "context deadline exceeded", with Attempts 3: the error did not say what
// the first attempts ran into, where a call whose retries ran out says
// every failure. It still is a timeout (errors.Is DeadlineExceeded,
// request:fail timeout), and now names the earlier attempts too.
func TestDeadlineDuringARetryKeepsTheEarlierAttempts(t *testing.T) {
	stall := make(chan struct{})
	defer close(stall)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // as /delay/3: no answer within the attempt's time
		case <-r.Context().Done():
		case <-stall:
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second) // wide: a loaded machine's attempts take longer
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "/delay", Timeout: 500 * time.Millisecond, RetryTimes: 10})
	if resp.Attempts < 2 {
		t.Fatalf("Attempts %d, err %v: the test wants the deadline to end a retry", resp.Attempts, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) || resp.ErrMsg != "request:fail timeout" {
		t.Errorf("err %v, ErrMsg %q; want a timeout", err, resp.ErrMsg)
	}
	if !errors.Is(err, retry.ErrDeadline) || errors.Is(err, retry.ErrExhausted) {
		t.Errorf("err %v: want retry.ErrDeadline (its godoc: the deadline ended an attempt after earlier ones failed), not ErrExhausted", err)
	}
	if err == nil || !strings.Contains(err.Error(), "earlier attempts: timeout: attempt exceeded 500ms") {
		t.Errorf("err %v after %d attempts: does not say the earlier attempts timed out", err, resp.Attempts)
	}
}

// So a call whose deadline ended a backup's attempt said only "context
// deadline exceeded", nothing of the primary's 503s before it.
func TestDeadlineOnABackupKeepsThePrimarysFailures(t *testing.T) {
	stall := make(chan struct{})
	defer close(stall)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/primary" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		select { // the backup: no answer before the caller's deadline
		case <-r.Context().Done():
		case <-stall:
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "/primary", Backup: []string{"/backup"}, Timeout: -1})
	if !errors.Is(err, context.DeadlineExceeded) || resp.ErrMsg != "request:fail timeout" {
		t.Errorf("err %v, ErrMsg %q; want a timeout", err, resp.ErrMsg)
	}
	if errors.Is(err, backup.ErrExhausted) || errors.Is(err, retry.ErrExhausted) {
		t.Errorf("err %v: the backup was not tried to its end, want no ErrExhausted", err)
	}
	if err == nil || !strings.Contains(err.Error(), "/primary: status 503") {
		t.Errorf("err %v after %d attempts: does not say the primary answered 503", err, resp.Attempts)
	}
}
