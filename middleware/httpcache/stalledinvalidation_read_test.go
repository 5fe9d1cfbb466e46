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

// A POST whose invalidation stalls gave its caller the answer only as its
// deadline passed: the answer came with err == nil, but a body not yet
// read could not be (context deadline exceeded). The caller now waits for
// the deletes half of what is left, as a write does, and has the rest to
// read its answer.
func TestStalledInvalidationLeavesTimeToReadTheAnswer(t *testing.T) {
	big := strings.Repeat("changed ", 512<<10) // 4 MiB: not all in the connection's buffer
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, big) })
	st := &stallingDeletes{Memory: store.NewMemory(), release: make(chan struct{})}
	st.armed.Store(true)
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	defer tr.Wait()
	defer close(st.release)
	hc := &http.Client{Transport: tr}
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, o.URL+"/doc", strings.NewReader("edit"))
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || len(b) != len(big) {
		t.Fatalf("read %d of %d bytes of the answer: %v", len(b), len(big), err)
	}
}
