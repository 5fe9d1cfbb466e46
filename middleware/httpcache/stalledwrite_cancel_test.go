package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A request sent alone (a GET with a body, mode reload) whose caller has no
// deadline stored its answer under a context without the caller's
// cancellation: with a storage that stalls until its context ends (a
// paused Redis), the caller's cancel (a Task's Abort) did not end the call,
// which waited for ever. The write now ends when the caller leaves (the
// answer is then not stored, as it is not past a deadline).
func TestStalledWriteEndsWhenItsCallerLeaves(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = io.WriteString(w, "hello")
	})
	for _, reload := range []bool{true, false} {
		var opts []httpcache.Option
		var body io.Reader
		if reload {
			opts = append(opts, httpcache.WithMode(httpcache.ModeReload))
		} else {
			body = strings.NewReader("x") // a GET with a body is sent alone
		}
		hc := &http.Client{Transport: httpcache.New(o.Client().Transport,
			append(opts, httpcache.WithStorage(stallingWrites{}))...)}
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, o.URL, body)
		done := make(chan error, 1)
		go func() {
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			done <- err
		}()
		time.Sleep(50 * time.Millisecond) // answered; its write stalls
		cancel()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("reload=%v: the call went on 2s after its caller left, held by the write of its answer", reload)
		}
	}
}
