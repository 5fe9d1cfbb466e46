package retry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

var errBad = errors.New("bad body")

// Settings.AttemptCheck makes a rejected answer a failed attempt, retried;
// the accepted answer goes up with the check's bytes as its body.
func TestAttemptCheckRejectionIsRetried(t *testing.T) {
	n := 0
	srv := faultserver.New(t, func(w http.ResponseWriter, _ *http.Request) {
		n++
		fmt.Fprintf(w, "answer %d", n)
	})
	call := middleware.NewCall(middleware.Settings{RetryTimes: 2,
		AttemptCheck: func(resp *http.Response, body []byte) ([]byte, error) {
			if string(body) == "answer 1" {
				return nil, errBad
			}
			return append([]byte("checked "), body...), nil
		}})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), http.MethodGet, srv.URL, nil)
	resp, err := stack(t, time.Second).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b := make([]byte, 64)
	m, _ := resp.Body.Read(b)
	if string(b[:m]) != "checked answer 2" || srv.Count() != 2 || !call.Checked() || resp.ContentLength != int64(m) {
		t.Errorf("body %q, %d attempts, checked %v; want the second answer checked", b[:m], srv.Count(), call.Checked())
	}
}

// When every attempt is rejected, the check's error is kept.
func TestAttemptCheckErrorKept(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK("x"))
	call := middleware.NewCall(middleware.Settings{RetryTimes: 1,
		AttemptCheck: func(*http.Response, []byte) ([]byte, error) { return nil, errBad }})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), http.MethodGet, srv.URL, nil)
	_, err := stack(t, time.Second).Do(req)
	if !errors.Is(err, retry.ErrExhausted) || !errors.Is(err, errBad) || srv.Count() != 2 || call.Checked() {
		t.Fatalf("err %v after %d attempts, want ErrExhausted keeping the check's error after 2", err, srv.Count())
	}
}

// TestWithFailureDecidesWhatToRetry: retry.WithFailure takes the predicate
// shape breaker's and backup's WithFailure take. One that counts a 404 as
// a failure retries it; one that counts nothing stops a 503 at the first
// attempt; nil is the default policy (a 503 retried, a 404 not).
func TestWithFailureDecidesWhatToRetry(t *testing.T) {
	notFoundToo := func(resp *http.Response, err error) bool {
		return retry.Failed(resp, err) || resp.StatusCode == http.StatusNotFound
	}
	never := func(*http.Response, error) bool { return false }
	for name, tc := range map[string]struct {
		f      func(*http.Response, error) bool
		status int
		want   int // requests the server gets: 2 retries at most
	}{
		"404 counted":      {notFoundToo, 404, 3},
		"nothing counted":  {never, 503, 1},
		"nil, 503 retried": {nil, 503, 3},
		"nil, 404 not":     {nil, 404, 1},
	} {
		srv := faultserver.New(t, faultserver.Status(tc.status, "no"))
		resp, _, err := get(t, stack(t, time.Second, retry.WithRetryTimes(2), retry.WithFailure(tc.f)), srv.URL)
		if err == nil && resp.StatusCode != tc.status {
			t.Errorf("%s: status %d", name, resp.StatusCode)
		}
		if got := srv.Count(); got != tc.want {
			t.Errorf("%s: %d requests, want %d (err %v)", name, got, tc.want, err)
		}
	}
}
