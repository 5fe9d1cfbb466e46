package client_test

import (
	"bytes"
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// TestStoreNeverKeepsAPartialAnswer: a 206 answers its Range alone. Kept
// under the key of the whole URL (the key has no Range), it answered a
// later call for the whole representation: the stale fallback handed a
// call without Range ten bytes of JSON as the data, status 206.
func TestStoreNeverKeepsAPartialAnswer(t *testing.T) {
	var down atomic.Bool
	whole := []byte(`{"version":"v1","items":[1,2,3,4,5,6,7,8,9]}`)
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(503)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		http.ServeContent(w, r, "x.json", time.Unix(1e9, 0), bytes.NewReader(whole))
	})
	c := fastClient(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/x", UseStore: true, DataType: "text", StoreCheckKey: "version", StoreSign: "v1"}
	part := opt
	part.Header = http.Header{"Range": {"bytes=0-9"}}
	resp, err := c.Request(context.Background(), part)
	if err != nil || resp.StatusCode != http.StatusPartialContent || resp.Data != `{"version"` {
		t.Fatalf("range call: %d %q %v", resp.StatusCode, resp.Data, err)
	}
	// The server down, the whole representation is asked for: no entry
	// holds it, so the call gets the server's 503 rather than the range.
	down.Store(true)
	opt.RetryTimes = client.NoRetry
	resp, err = c.Request(context.Background(), opt)
	if resp.FromStore || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("whole call answered from the store: %d %q (from store %v)", resp.StatusCode, resp.Data, resp.FromStore)
	}
	// A whole answer is kept as before, and answers the next call.
	down.Store(false)
	if resp, err = c.Request(context.Background(), opt); err != nil || resp.StatusCode != 200 || resp.Data != string(whole) {
		t.Fatalf("whole call: %d %q %v", resp.StatusCode, resp.Data, err)
	}
	down.Store(true)
	resp, err = c.Request(context.Background(), opt)
	if err != nil || !resp.FromStore || resp.StatusCode != 200 || resp.Data != string(whole) {
		t.Fatalf("stored whole answer: %d %q (from store %v) %v", resp.StatusCode, resp.Data, resp.FromStore, err)
	}
}
