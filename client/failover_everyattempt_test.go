package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// The spec (Backup): when every URL has failed and no stored data answers,
// "the error says everything that failed (all attempts, joined)". A URL
// whose last attempt got a response (a 503 the budget ran out on, a 200
// DataCheck rejected) still has its earlier attempts' failures in the text:
// here a timeout and a reset before the primary's final 503.
func TestEveryURLFailedErrorSaysEveryAttempt(t *testing.T) {
	var n atomic.Int32
	primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			time.Sleep(300 * time.Millisecond) // past the attempt's Timeout
		case 2:
			faultserver.Reset()(w, r)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	second := faultserver.New(t, faultserver.Status(http.StatusBadGateway, "down"))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL + "/a",
		Timeout: 100 * time.Millisecond, Backup: []string{second.URL + "/b"}})
	if !errors.Is(err, backup.ErrExhausted) || primary.Count() != 3 || second.Count() != 1 || resp.Attempts != 4 {
		t.Fatalf("err %v, attempts %d (%d, %d); want backup.ErrExhausted after 3 + 1", err, resp.Attempts, primary.Count(), second.Count())
	}
	msg := err.Error()
	for _, want := range []string{"timeout: attempt exceeded 100ms", "status 503", "status 502"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q: %v", want, msg)
		}
	}
	if !strings.Contains(msg, "earlier attempts: ") {
		t.Errorf("the error does not name the primary's earlier attempts: %v", msg)
	}
	if errors.Is(err, timeout.ErrExceeded) {
		t.Error("errors.Is sees an earlier attempt's timeout: only what ended each URL should match")
	}
	if !strings.Contains(resp.ErrMsg, "timeout: attempt exceeded 100ms") {
		t.Errorf("ErrMsg %q does not say it either", resp.ErrMsg)
	}
}

// The same for a URL DataCheck rejected after a retried 503.
func TestEveryURLRejectedErrorSaysEveryAttempt(t *testing.T) {
	primary := faultserver.New(t, faultserver.FailThen(1, http.StatusServiceUnavailable, faultserver.OK(`{"code":1}`)))
	second := faultserver.New(t, faultserver.OK(`{"code":2}`))
	_, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL, Backup: []string{second.URL},
		DataCheck: func(*client.Response) bool { return false }})
	if !errors.Is(err, backup.ErrExhausted) || !errors.Is(err, datacheck.ErrRejected) || primary.Count() != 2 || second.Count() != 1 {
		t.Fatalf("err %v, attempts %d, %d", err, primary.Count(), second.Count())
	}
	first, _, _ := strings.Cut(err.Error(), "; ")
	if !strings.Contains(first, "rejected by DataCheck") || !strings.Contains(first, "(earlier attempts: status 503") {
		t.Errorf("the primary's failures are not all said: %v", err)
	}
}
