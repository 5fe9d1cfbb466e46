package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// WithRetry's, WithBackup's and WithLayers' docs: a layer's per-request
// defaults (retry.WithRetryTimes, backup.WithURLs, timeout.WithTimeout) are
// for requests that carry no middleware.Settings. A client's call carries
// its Option's values, defaults applied, and they win: the first thing a
// newcomer tries, client.WithRetry(retry.WithRetryTimes(5)), still makes
// three attempts.
func TestLayerPerRequestDefaultsDoNotReachAClientsCalls(t *testing.T) {
	var backupHits, plainHits atomic.Int32
	bk := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { backupHits.Add(1) }))
	defer bk.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/plain" {
			plainHits.Add(1)
		}
		if r.URL.Path == "/slow" {
			time.Sleep(200 * time.Millisecond)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx := context.Background()

	c := client.New(client.WithBaseURL(srv.URL),
		client.WithRetry(retry.WithRetryTimes(5), retry.WithBackoff(nil, 0, 0)),
		client.WithBackup(backup.WithURLs(bk.URL)))
	defer c.CloseIdleConnections()
	resp, err := c.Request(ctx, client.Option{URL: "/a"})
	if err != nil || resp.Attempts != 3 || backupHits.Load() != 0 {
		t.Errorf("attempts %d, backup hits %d, err %v; want Option's 3 attempts and no backup", resp.Attempts, backupHits.Load(), err)
	}
	// A plain http.Client's request over the Transport carries no
	// Settings: the layers' own defaults apply to it, 5 retries and the
	// backup URL.
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	plain, err := hc.Get(srv.URL + "/plain")
	if err != nil {
		t.Fatal(err)
	}
	plain.Body.Close()
	if plain.StatusCode != 200 || plainHits.Load() != 6 || backupHits.Load() != 1 {
		t.Errorf("plain client: status %d, %d requests, backup hits %d; want 6 then the backup's answer",
			plain.StatusCode, plainHits.Load(), backupHits.Load())
	}

	c = client.New(client.WithBaseURL(srv.URL),
		client.WithLayers(timeout.Middleware(timeout.WithTimeout(50*time.Millisecond))))
	defer c.CloseIdleConnections()
	resp, err = c.Request(ctx, client.Option{URL: "/slow"})
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("status %d, err %v; want Option.Timeout's 2s, not the layer's 50ms", resp.StatusCode, err)
	}
	resp, err = c.Request(ctx, client.Option{URL: "/slow", Timeout: 50 * time.Millisecond})
	if err == nil {
		t.Errorf("Option.Timeout 50ms: status %d, no error", resp.StatusCode)
	}
}
