package httpcache_test

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Every stack one Middleware builds shares its storage, but each stack's
// Transport kept its own record of the invalidations begun: a GET through
// one stack whose answer, given before a POST through another changed the
// resource, was written after that POST's invalidation stayed stored, and
// every later GET, through either stack, was served what the POST changed.
// The stacks of one Middleware now share that record as they share the
// storage.
func TestLateWriteThroughAnotherStackOfTheSameMiddleware(t *testing.T) {
	var version atomic.Int32
	version.Store(1)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			version.Add(1)
			io.WriteString(w, "changed")
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, "v"+string(rune('0'+version.Load())))
	})
	st := &slowSets{Memory: store.NewMemory(), reached: make(chan struct{}), release: make(chan struct{})}
	m := httpcache.Middleware(httpcache.WithStorage(st))
	reader := &http.Client{Transport: m(o.Client().Transport)} // one user's client
	writer := &http.Client{Transport: m(o.Client().Transport)} // another's, same cache
	get := func(hc *http.Client) string {
		t.Helper()
		resp, err := hc.Get(o.URL + "/doc")
		if err != nil {
			t.Error(err)
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	st.armed.Store(true)
	first := make(chan string, 1)
	go func() { first <- get(reader) }()
	select {
	case <-st.reached: // the origin answered v1; its write is under way
	case <-time.After(3 * time.Second):
		t.Fatal("the GET's answer was never written")
	}
	resp, err := writer.Post(o.URL+"/doc", "text/plain", strings.NewReader("edit"))
	if err != nil {
		close(st.release)
		t.Fatal(err)
	}
	resp.Body.Close()
	close(st.release)
	if got := <-first; got != "v1" {
		t.Fatalf("the first GET got %q, want v1", got)
	}
	reader.Transport.(*httpcache.Transport).Wait()
	writer.Transport.(*httpcache.Transport).Wait()
	for _, hc := range []*http.Client{writer, reader} {
		if got := get(hc); got != "v2" {
			t.Errorf("after the POST's answer, got %q; want v2, not the answer the POST changed", got)
		}
	}
}
