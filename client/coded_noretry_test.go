package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A plain body labelled gzip or deflate (go-httpbin's
// /response-headers?Content-Encoding=gzip) fails the same way every time:
// the attempt is not retried (it was, with backoff, as a cut connection
// is), but a backup is still tried, as for any failed URL.
func TestAMislabelledCodingIsNotRetried(t *testing.T) {
	for _, coding := range []string{"gzip", "deflate"} {
		var primary, backup atomic.Int32
		bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			primary.Add(1)
			w.Header().Set("Content-Encoding", coding)
			_, _ = io.WriteString(w, `{"plain": true, "padding": "so that a decoder reads past its header"}`)
		}))
		good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			backup.Add(1)
			_, _ = io.WriteString(w, `{"ok": true}`)
		}))
		c := client.New()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := c.Request(ctx, client.Option{URL: bad.URL, RetryTimes: 2})
		if err == nil || primary.Load() != 1 {
			t.Errorf("%s: err %v after %d attempts: want one failed attempt", coding, err, primary.Load())
		}
		primary.Store(0)
		res, err := c.Request(ctx, client.Option{URL: bad.URL, RetryTimes: 2, Backup: []string{good.URL}})
		if err != nil || res.StatusCode != 200 || primary.Load() != 1 || backup.Load() != 1 {
			t.Errorf("%s with a backup: err %v, primary %d, backup %d attempts: want the backup's answer after one each", coding, err, primary.Load(), backup.Load())
		}
		cancel()
		bad.Close()
		good.Close()
	}
}
