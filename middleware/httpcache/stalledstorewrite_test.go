package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// stallingWrites answers Get at once (a miss) and holds every Set until its
// context ends, as a paused Redis behind a store that honours ctx does.
type stallingWrites struct{}

func (stallingWrites) Get(context.Context, string) (store.Entry, bool, error) {
	return store.Entry{}, false, nil
}

func (stallingWrites) Set(ctx context.Context, _ string, _ store.Entry) error {
	<-ctx.Done()
	return ctx.Err()
}

func (stallingWrites) Delete(context.Context, string) error { return nil }

// TestStalledStoreWriteLeavesTheAnswerToTheCaller: the origin answers at
// once; the write that stores its answer stalls. The write used to be
// bounded by the caller's deadline itself, so the answer came back only as
// that deadline passed: past it (a request with a body, sent alone), or
// lost to a "context deadline exceeded" that raced it (a shared exchange).
// The write now has half of what is left, and the answer the rest.
func TestStalledStoreWriteLeavesTheAnswerToTheCaller(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = io.WriteString(w, "hello")
	})
	const deadline = 300 * time.Millisecond
	for _, shared := range []bool{true, false} {
		for i := 0; i < 3; i++ {
			hc := &http.Client{Transport: httpcache.New(o.Client().Transport,
				httpcache.WithStorage(stallingWrites{}))}
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			var body io.Reader
			if !shared {
				body = strings.NewReader("x") // a GET with a body is sent alone
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, o.URL, body)
			start := time.Now()
			resp, err := hc.Do(req)
			elapsed := time.Since(start)
			if err != nil {
				cancel()
				t.Fatalf("shared=%v: %v after %v; the origin had answered", shared, err, elapsed)
			}
			b, err := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			cancel()
			if err != nil || string(b) != "hello" {
				t.Fatalf("shared=%v: body %q, %v", shared, b, err)
			}
			if elapsed >= deadline*5/6 {
				t.Fatalf("shared=%v: answered after %v, at the caller's deadline (%v)", shared, elapsed, deadline)
			}
		}
	}
}
