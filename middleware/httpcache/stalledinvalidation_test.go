package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// stallingDeletes is a store.Memory whose Delete, once armed, waits for
// release whatever its context says, as a store that ignores ctx does
// against a paused server.
type stallingDeletes struct {
	*store.Memory
	armed   atomic.Bool
	release chan struct{}
}

func (s *stallingDeletes) Delete(ctx context.Context, key string) error {
	if s.armed.Load() {
		<-s.release
	}
	return s.Memory.Delete(ctx, key)
}

// A POST's invalidation of the URL's entries that stalls held the origin's
// answer for ever: it ran on the caller's goroutine without the caller's
// deadline or cancellation. The caller now gets the answer by its
// deadline; the deletion goes on, and the entries it deletes are not
// served meanwhile.
func TestStalledInvalidationLeavesTheAnswerAndServesNothingItDeletes(t *testing.T) {
	o := versionedOrigin(t, nil)
	st := &stallingDeletes{Memory: store.NewMemory(), release: make(chan struct{})}
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	hc := &http.Client{Transport: tr}
	get := func() string { return bodyOf(t, hc, o.URL+"/doc") }
	if a, b := get(), get(); a != "v1" || b != "v1" || o.hits.Load() != 1 {
		t.Fatalf("got %q then %q with %d requests to the origin; want v1 stored", a, b, o.hits.Load())
	}
	st.armed.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, o.URL+"/doc", strings.NewReader("edit"))
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("POST: %v after %v; the origin had answered", err, time.Since(start))
		}
	case <-time.After(3 * time.Second):
		close(st.release)
		t.Fatal("the POST was held past its deadline by its invalidation")
	}
	if got := get(); got != "v2" {
		t.Errorf("while the invalidation is under way, got %q; want the origin's v2, not the entry it deletes", got)
	}
	close(st.release)
	tr.Wait() // the invalidation ends
	if got := get(); got != "v2" {
		t.Errorf("after the invalidation, got %q; want v2", got)
	}
}

// A POST whose invalidation stalls gave its caller the answer only as its
// deadline passed: the answer came with err == nil, but a body not yet
// read could not be (context deadline exceeded). The caller now waits for
// the deletes half of what is left, as a write does, and has the rest to
// read its answer. The deadline is 3 s: 200 ms (of 400 ms) was too little
// to read 4 MiB under -race on a loaded machine; the old wait would leave
// nothing, however long the deadline.
func TestStalledInvalidationLeavesTimeToReadTheAnswer(t *testing.T) {
	big := strings.Repeat("changed ", 512<<10) // 4 MiB: not all in the connection's buffer
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, big) })
	st := &stallingDeletes{Memory: store.NewMemory(), release: make(chan struct{})}
	st.armed.Store(true)
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	defer tr.Wait()
	defer close(st.release)
	hc := &http.Client{Transport: tr}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
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
