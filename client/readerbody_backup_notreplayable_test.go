package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// README (Data): a streamed io.Reader body (over WithMaxRequestBuffer) that
// an attempt would send again fails the call with encoders.ErrNotReplayable,
// one check for a body that could not be sent again (retry.Error matches it
// so). A backup is such an attempt: under NoRetry a 503 with a backup left
// failed the call with "request body cannot be replayed to a backup", which
// matched no sentinel, and the backup was never sent a byte.
func TestStreamedBodyThatABackupWouldResendIsErrNotReplayable(t *testing.T) {
	var primary, backup atomic.Int32
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		primary.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer down.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { backup.Add(1) }))
	defer other.Close()
	c := client.New(client.WithMaxRequestBuffer(10))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, retries := range []int{client.NoRetry, 0} {
		primary.Store(0)
		resp, err := c.Request(ctx, client.Option{URL: down.URL + "/a", Method: http.MethodPut, RetryTimes: retries,
			Mode: client.ModeCORS, Backup: []string{other.URL + "/b"},
			Data: io.MultiReader(strings.NewReader(strings.Repeat("x", 100)))})
		if !errors.Is(err, encoders.ErrNotReplayable) || resp.StatusCode != http.StatusServiceUnavailable || primary.Load() != 1 {
			t.Errorf("RetryTimes %d: err %v, status %d after %d requests; want encoders.ErrNotReplayable, the 503 kept, one request",
				retries, err, resp.StatusCode, primary.Load())
		}
	}
	if backup.Load() != 0 {
		t.Errorf("the backup got %d requests, with a body that could not be sent again", backup.Load())
	}
}
