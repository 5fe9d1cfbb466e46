package httpcache_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// slowSets is a store.Memory whose first Set, once armed, tells reached
// and waits for release: a storage slow to take a GET's answer.
type slowSets struct {
	*store.Memory
	armed   atomic.Bool
	reached chan struct{}
	release chan struct{}
}

func (s *slowSets) Set(ctx context.Context, key string, e store.Entry) error {
	if s.armed.CompareAndSwap(true, false) {
		close(s.reached)
		<-s.release
	}
	return s.Memory.Set(ctx, key, e)
}

// A GET whose answer the origin gave before a POST changed the resource,
// but whose write to the storage landed after the POST's invalidation,
// stored what the POST changed: every later GET was served it until it
// expired. The write now sees that an invalidation of its URL began after
// its lookup and leaves nothing stored.
func TestAnswerWrittenAfterAnInvalidationIsNotServed(t *testing.T) {
	o := versionedOrigin(t, nil)
	st := &slowSets{Memory: store.NewMemory(), reached: make(chan struct{}), release: make(chan struct{})}
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	hc := &http.Client{Transport: tr}
	if got := postWhileWriting(t, st, hc, hc, o.URL+"/doc"); got != "v1" {
		t.Fatalf("the first GET got %q, want v1", got)
	}
	tr.Wait()
	if got := bodyOf(t, hc, o.URL+"/doc"); got != "v2" {
		t.Errorf("after the POST's answer, got %q; want v2, not the answer the POST changed", got)
	}
}

// postWhileWriting GETs url through reader with st's next Set held, POSTs
// url through writer while that write waits, then lets it land, and
// returns the GET's body.
func postWhileWriting(t *testing.T, st *slowSets, reader, writer *http.Client, url string) string {
	t.Helper()
	st.armed.Store(true)
	first := make(chan string, 1)
	go func() { first <- bodyOf(t, reader, url) }()
	select {
	case <-st.reached: // the origin answered; its write is under way
	case <-time.After(3 * time.Second):
		close(st.release)
		t.Fatal("the GET's answer was never written")
	}
	resp, err := writer.Post(url, "text/plain", strings.NewReader("edit"))
	if err != nil {
		close(st.release)
		t.Fatal(err)
	}
	resp.Body.Close()
	close(st.release)
	return <-first
}

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
