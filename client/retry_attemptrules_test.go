package client_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// The spec (Retry): "Every attempt sends the same method, headers and body
// bytes": the retries of a keyed POST and its failover to a backup of the
// same origin send one request, header for header and byte for byte.
func TestEveryAttemptSendsTheSameRequest(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(3, 503, faultserver.OK(`{}`)))
	c := fastClient(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/a", Method: "post", Data: map[string]any{"x": "é"},
		Header:      http.Header{"Idempotency-Key": {"k1"}, "Authorization": {"Bearer t"}, "X-Multi": {"1", "2"}},
		Backup:      []string{srv.URL + "/b"},
		Credentials: client.CredentialsInclude})
	if err != nil || resp.StatusCode != 200 || srv.Count() != 4 {
		t.Fatalf("status %d err %v, %d requests; want 3 failures then the backup's 200", resp.StatusCode, err, srv.Count())
	}
	reqs := srv.Requests()
	for i, r := range reqs[1:] {
		if r.Method != "POST" || !reflect.DeepEqual(r.Header, reqs[0].Header) || string(r.Body) != string(reqs[0].Body) {
			t.Errorf("attempt %d sent %s %v %q; the first sent %s %v %q", i+2, r.Method, r.Header, r.Body,
				reqs[0].Method, reqs[0].Header, reqs[0].Body)
		}
	}
}

// The spec (Retry): no backoff wait is begun that cannot finish before the
// caller's deadline, and the error says so; Retry-After's case is held
// elsewhere (TestDeadlineAware), this is the backoff's, through a client.
func TestBackoffPastTheDeadlineNotBegun(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(503, "busy"))
	// A wait of 5 s or more past a deadline of 3 s: a wait begun would
	// take the whole 3 s; giving up at once takes milliseconds, even under
	// -race on a slow machine (a 500 ms deadline and a 300 ms bound left
	// it 300 ms).
	c := client.New(client.WithRetry(retry.WithBackoff(retryablehttp.DefaultBackoff, 10*time.Second, 20*time.Second)))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	resp, err := c.Request(ctx, client.Option{URL: srv.URL})
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("gave up after %v: it waited for a retry it could not make", d)
	}
	if !errors.Is(err, retry.ErrDeadline) || !errors.Is(err, context.DeadlineExceeded) || srv.Count() != 1 {
		t.Fatalf("err %v, %d attempts; want retry.ErrDeadline after 1", err, srv.Count())
	}
	if !strings.Contains(err.Error(), "backoff wait") || resp.ErrMsg != "request:fail timeout" || resp.StatusCode != 503 {
		t.Errorf("err %q, ErrMsg %q, status %d; want the wait named, a timeout, the 503 kept", err, resp.ErrMsg, resp.StatusCode)
	}
}

// A retry that was refused (Retry-After over the cap) was never made: it
// must not be taken from the budget the backups share.
func TestARefusedRetryAfterLeavesTheSharedBudget(t *testing.T) {
	primary := faultserver.New(t, faultserver.RetryAfter(100, 503, "3600", faultserver.OK(`{}`)))
	second := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`{"from":"backup"}`)))
	c := fastClient()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Backup: []string{second.URL + "/a"},
		Mode: client.ModeCORS, RetryTimes: 1})
	t.Logf("primary %d backup %d attempts %d err %v", primary.Count(), second.Count(), resp.Attempts, err)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("RetryTimes 1, primary's only retry refused (Retry-After 3600) and never made: the backup should get that retry; got status %d err %v (backup hits %d)", resp.StatusCode, err, second.Count())
	}
}

// Same with a retry refused because the ctx deadline is too close for the
// backoff: no retry made, but the budget is spent.
func TestARetryRefusedForTheDeadlineLeavesTheSharedBudget(t *testing.T) {
	primary := faultserver.New(t, faultserver.RetryAfter(100, 503, "5", faultserver.OK(`{}`)))
	second := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`{"from":"backup"}`)))
	c := fastClient()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Backup: []string{second.URL + "/a"},
		Mode: client.ModeCORS, RetryTimes: 1})
	t.Logf("primary %d backup %d attempts %d err %v", primary.Count(), second.Count(), resp.Attempts, err)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("got status %d err %v (backup hits %d)", resp.StatusCode, err, second.Count())
	}
}
