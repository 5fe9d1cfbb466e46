package httpcache_test

import (
	"net/http"
	"strings"
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
	o := versionedOrigin(t, nil)
	st := &slowSets{Memory: store.NewMemory(), reached: make(chan struct{}), release: make(chan struct{})}
	m := httpcache.Middleware(httpcache.WithStorage(st))
	reader := &http.Client{Transport: m(o.Client().Transport)} // one user's client
	writer := &http.Client{Transport: m(o.Client().Transport)} // another's, same cache
	get := func(hc *http.Client) string { return bodyOf(t, hc, o.URL+"/doc") }
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
