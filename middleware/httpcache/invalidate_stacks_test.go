package httpcache_test

import (
	"net/http"
	"testing"

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
	if got := postWhileWriting(t, st, reader, writer, o.URL+"/doc"); got != "v1" {
		t.Fatalf("the first GET got %q, want v1", got)
	}
	reader.Transport.(*httpcache.Transport).Wait()
	writer.Transport.(*httpcache.Transport).Wait()
	for _, hc := range []*http.Client{writer, reader} {
		if got := bodyOf(t, hc, o.URL+"/doc"); got != "v2" {
			t.Errorf("after the POST's answer, got %q; want v2, not the answer the POST changed", got)
		}
	}
}
