package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A successful POST or PUT invalidates the call's URL in the HTTP cache
// (README) when a backup answered it, the primary having failed: the
// primary's cached GET answered the next GET for its max-age with the list
// as it was before the write the caller was told succeeded.
func TestUnsafeCallAnsweredByABackupInvalidatesItsURL(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPut} {
		t.Run(method, func(t *testing.T) {
			var version atomic.Int32
			var down atomic.Bool
			primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				w.Header().Set("Cache-Control", "max-age=600")
				w.Header().Set("Content-Type", "application/json")
				if version.Load() == 0 {
					io.WriteString(w, `{"items":0}`)
				} else {
					io.WriteString(w, `{"items":1}`)
				}
			})
			mirror := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				version.Store(1) // the write lands in the data both serve
				w.WriteHeader(http.StatusCreated)
			})
			c := fastClient(client.WithHTTPCache())
			ctx := context.Background()
			get := client.Option{URL: primary.URL + "/items", Mode: client.ModeCORS}
			if _, err := c.Request(ctx, get); err != nil {
				t.Fatal(err)
			}
			down.Store(true)
			resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/items", Method: method, Data: map[string]int{"n": 1},
				Idempotent: true, Backup: []string{mirror.URL + "/items"}, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
			if err != nil || resp.StatusCode != http.StatusCreated || resp.URL != mirror.URL+"/items" {
				t.Fatalf("write: status %d from %s, err %v; want the mirror's 201", resp.StatusCode, resp.URL, err)
			}
			down.Store(false)
			resp, err = c.Request(ctx, get)
			if m, _ := resp.Data.(map[string]any); err != nil || resp.FromCache || m["items"] != 1.0 {
				t.Errorf("GET after the write: %v (FromCache %v), err %v; want the list with the new item, from the origin",
					resp.Data, resp.FromCache, err)
			}
		})
	}
}
