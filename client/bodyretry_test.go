package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

const wholeBody = `{"items":[1,2,3],"name":"whole"}`

// TestBodyStallRetried: a body that stalls after one byte past the
// per-attempt timeout is a failed attempt, retried; the retry's whole body
// is the answer. The same holds whichever layers buffer the body above.
func TestBodyStallRetried(t *testing.T) {
	accept := func(*client.Response) bool { return true }
	cases := []struct {
		name string
		c    *client.Client
		opt  client.Option
	}{
		{"default", fastClient(), client.Option{}},
		{"DataCheck", fastClient(), client.Option{DataCheck: accept}},
		{"UseStore", fastClient(), client.Option{UseStore: true}},
		{"HTTP cache", fastClient(client.WithHTTPCache()), client.Option{}},
	}
	for _, c := range cases {
		srv := faultserver.New(t, faultserver.Then(1, faultserver.Stall(wholeBody, 1, 5*time.Second), faultserver.OK(wholeBody)))
		opt := c.opt
		opt.URL, opt.Timeout, opt.RetryTimes, opt.ResponseType = srv.URL, 400*time.Millisecond, 2, "arraybuffer"
		start := time.Now()
		resp, err := c.c.Request(context.Background(), opt)
		elapsed := time.Since(start)
		if err != nil || string(resp.Raw) != wholeBody || string(resp.Data.([]byte)) != wholeBody {
			t.Errorf("%s: err %v raw %q", c.name, err, resp.Raw)
			continue
		}
		if srv.Count() != 2 || resp.Attempts != 2 {
			t.Errorf("%s: server saw %d attempts, resp.Attempts %d, want 2", c.name, srv.Count(), resp.Attempts)
		}
		if elapsed < 400*time.Millisecond || elapsed > 3*time.Second { // unbounded: the 5 s stall
			t.Errorf("%s: took %v, want the 400ms timeout of the first attempt and a little", c.name, elapsed)
		}
	}
}

// TestBodyCutShortRetried: a body cut short (Content-Length 100, 10 bytes,
// connection closed) is a failed attempt: retried while the budget lasts,
// and the final error says the body read failed.
func TestBodyCutShortRetried(t *testing.T) {
	srv := faultserver.New(t, faultserver.Then(2, faultserver.CloseMidBody(), faultserver.OK(wholeBody)))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL})
	if err != nil || string(resp.Raw) != wholeBody || resp.StatusCode != 200 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if srv.Count() != 3 || resp.Attempts != 3 {
		t.Errorf("server saw %d attempts, resp.Attempts %d, want 3", srv.Count(), resp.Attempts)
	}

	always := faultserver.New(t, faultserver.CloseMidBody())
	resp, err = fastClient().Request(context.Background(), client.Option{URL: always.URL})
	if !errors.Is(err, io.ErrUnexpectedEOF) || !errors.Is(err, retry.ErrExhausted) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "reading body: unexpected EOF") || !strings.Contains(resp.ErrMsg, "reading body") {
		t.Errorf("the error does not say the body read failed: %v / %q", err, resp.ErrMsg)
	}
	if always.Count() != 3 || resp.Attempts != 3 {
		t.Errorf("server saw %d attempts, resp.Attempts %d, want 3", always.Count(), resp.Attempts)
	}
}

// TestBodyStallEveryAttemptTimesOut: the final error of a body that stalls
// on every attempt is a timeout (ErrMsg "request:fail timeout").
func TestBodyStallEveryAttemptTimesOut(t *testing.T) {
	srv := faultserver.New(t, faultserver.Stall(wholeBody, 1, 5*time.Second))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL, Timeout: 150 * time.Millisecond, RetryTimes: 1})
	if !errors.Is(err, timeout.ErrExceeded) || !errors.Is(err, retry.ErrExhausted) || resp.ErrMsg != "request:fail timeout" {
		t.Fatalf("err %v ErrMsg %q", err, resp.ErrMsg)
	}
	if srv.Count() != 2 {
		t.Errorf("attempts %d, want 2", srv.Count())
	}
}

// TestBodyFailureFailsOver: once the primary's budget is spent on bodies
// cut short or stalled, the backup answers.
func TestBodyFailureFailsOver(t *testing.T) {
	for name, h := range map[string]func() http.HandlerFunc{
		"cut short": func() http.HandlerFunc { return faultserver.CloseMidBody() },
		"stall":     func() http.HandlerFunc { return faultserver.Stall(wholeBody, 1, 5*time.Second) },
	} {
		primary := faultserver.New(t, h())
		second := faultserver.New(t, faultserver.OK(`{"from":"backup"}`))
		resp, err := fastClient().Request(context.Background(), client.Option{
			URL: primary.URL + "/p", Backup: []string{second.URL + "/b"}, RetryTimes: 1, Timeout: 200 * time.Millisecond})
		if err != nil || string(resp.Raw) != `{"from":"backup"}` || resp.URL != second.URL+"/b" {
			t.Errorf("%s: resp %+v err %v", name, resp, err)
			continue
		}
		if primary.Count() != 2 || second.Count() != 1 || resp.Attempts != 3 {
			t.Errorf("%s: attempts primary %d backup %d, resp.Attempts %d; want 2 1 3", name, primary.Count(), second.Count(), resp.Attempts)
		}
	}

	// Every URL fails: the joined error names each body failure, the
	// primary's first attempt's too.
	primary := faultserver.New(t, faultserver.CloseMidBody())
	second := faultserver.New(t, faultserver.CloseMidBody())
	_, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL, Backup: []string{second.URL}, RetryTimes: 1})
	if !errors.Is(err, backup.ErrExhausted) || !errors.Is(err, io.ErrUnexpectedEOF) || strings.Count(err.Error(), "reading body") != 3 {
		t.Fatalf("err %v", err)
	}
}

// TestPostBodyFailureRetriedOnlyWhenIdempotent: a POST whose response body
// broke was surely sent: retried only when marked idempotent or carrying an
// Idempotency-Key.
func TestPostBodyFailureRetriedOnlyWhenIdempotent(t *testing.T) {
	cases := []struct {
		name string
		opt  client.Option
		want int
	}{
		{"POST", client.Option{Method: "POST", Data: map[string]any{"a": 1}}, 1},
		{"POST Idempotent", client.Option{Method: "POST", Data: map[string]any{"a": 1}, Idempotent: true}, 2},
		{"POST Idempotency-Key", client.Option{Method: "POST", Data: map[string]any{"a": 1},
			Header: map[string][]string{"Idempotency-Key": {"k1"}}}, 2},
		{"PUT", client.Option{Method: "PUT", Data: map[string]any{"a": 1}}, 2},
	}
	for _, c := range cases {
		srv := faultserver.New(t, faultserver.Then(1, faultserver.CloseMidBody(), faultserver.OK(wholeBody)))
		opt := c.opt
		opt.URL, opt.RetryTimes = srv.URL, 1
		resp, err := fastClient().Request(context.Background(), opt)
		if srv.Count() != c.want {
			t.Errorf("%s: %d attempts, want %d", c.name, srv.Count(), c.want)
		}
		if c.want == 1 && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%s: err %v", c.name, err)
		}
		if c.want == 2 && (err != nil || string(resp.Raw) != wholeBody) {
			t.Errorf("%s: err %v raw %q", c.name, err, resp.Raw)
		}
	}
}
