package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A revalidation whose 200 is cut short by the origin (connection closed
// mid-body) is an origin that could not be reached: the stale entry
// answers, as it does for a reset before the headers.
func TestARevalidationCutMidBodyServesStale(t *testing.T) {
	var n atomic.Int32
	cut := faultserver.CloseMidBody()
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 1 {
			w.Header().Set("Cache-Control", "max-age=0")
			cut(w, r)
			return
		}
		w.Header().Set("Cache-Control", "max-age=0")
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, "version one")
	})
	tr := httpcache.New(nil)
	hc := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	ctx := context.Background()
	get := func() (string, *http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/x", nil)
		resp, err := hc.Do(req)
		if err != nil {
			return "", nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), resp, err
	}
	if b, _, err := get(); err != nil || b != "version one" {
		t.Fatalf("%q %v", b, err)
	}
	b, resp, err := get()
	why := ""
	if resp != nil {
		why, _ = httpcache.ServedStale(resp)
	}
	t.Logf("second: %q stale=%q err %v (server %d)", b, why, err, n.Load())
	if err != nil || b != "version one" {
		t.Fatalf("want the stale entry (origin-unreachable); got body %q err %v", b, err)
	}
}
