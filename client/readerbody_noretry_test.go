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

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/retry"
)

// README: "Any HTTP status is a response ... A 429 or 5xx that the retries
// did not mend is the response too when the call has no backup". A PUT whose
// io.Reader body is over WithMaxRequestBuffer (streamed, never sent twice)
// answered 503 under NoRetry failed with retry.ErrNotReplayable, "request
// body cannot be replayed", though no retry was asked for: the 503 is the
// answer, as it is for the same call with a buffered body, and for a POST.
// With retries left, the call still says it could not send the body again.
func TestStreamedBodyUnderNoRetryGetsTheAnswer(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"busy":true}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithMaxRequestBuffer(10))
	body := func() io.Reader { return io.MultiReader(strings.NewReader(strings.Repeat("x", 100))) }

	resp, err := c.Request(context.Background(), client.Option{URL: "/a", Method: "PUT", RetryTimes: client.NoRetry, Data: body()})
	m, _ := resp.Data.(map[string]any)
	if err != nil || resp.StatusCode != 503 || m["busy"] != true || resp.ErrMsg != "request:ok" || hits.Load() != 1 {
		t.Errorf("NoRetry: err %v, status %d, data %v, %q after %d requests; want the 503 as the answer, one request",
			err, resp.StatusCode, resp.Data, resp.ErrMsg, hits.Load())
	}

	hits.Store(0)
	resp, err = c.Request(context.Background(), client.Option{URL: "/a", Method: "PUT", Data: body()})
	if !errors.Is(err, retry.ErrNotReplayable) || !errors.Is(err, encoders.ErrNotReplayable) || resp.StatusCode != 503 || hits.Load() != 1 {
		t.Errorf("with retries: err %v, status %d after %d requests; want ErrNotReplayable, the 503 kept, one request",
			err, resp.StatusCode, hits.Load())
	}
}
