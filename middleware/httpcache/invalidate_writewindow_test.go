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

// landedSets is a store.Memory that, once armed, holds the first Set until
// held is closed, and tells landed when the second one (the answer, after
// the index) is written, then waits for after before it returns: a
// storage slow to take, then to acknowledge, a GET's answer.
type landedSets struct {
	*store.Memory
	armed  atomic.Bool
	sets   atomic.Int32
	first  chan struct{} // closed when the first Set is reached
	held   chan struct{}
	landed chan struct{}
	after  chan struct{}
}

func (s *landedSets) Set(ctx context.Context, key string, e store.Entry) error {
	if !s.armed.Load() {
		return s.Memory.Set(ctx, key, e)
	}
	switch s.sets.Add(1) {
	case 1:
		close(s.first)
		<-s.held
	case 2:
		err := s.Memory.Set(ctx, key, e)
		close(s.landed)
		<-s.after
		return err
	}
	return s.Memory.Set(ctx, key, e)
}

// A GET whose answer the origin gave before a POST changed the resource,
// and whose write landed after the POST's invalidation, is deleted again
// once written (TestAnswerWrittenAfterAnInvalidationIsNotServed); until
// then, a GET made after the POST's answer came found it and was served
// what the POST changed. Lookups of the URL now miss while such a write
// is under way.
func TestAnswerWrittenAfterAnInvalidationIsNotServedBeforeItsDelete(t *testing.T) {
	o := versionedOrigin(t, nil)
	st := &landedSets{Memory: store.NewMemory(), first: make(chan struct{}), held: make(chan struct{}),
		landed: make(chan struct{}), after: make(chan struct{})}
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	hc := &http.Client{Transport: tr}
	url := o.URL + "/doc"
	st.armed.Store(true)
	first := make(chan string, 1)
	go func() { first <- bodyOf(t, hc, url) }()
	defer func() {
		close(st.after)
		if got := <-first; got != "v1" {
			t.Errorf("the first GET got %q, want v1", got)
		}
		tr.Wait()
	}()
	select {
	case <-st.first: // the origin answered v1; its write is under way
	case <-time.After(3 * time.Second):
		close(st.held)
		t.Fatal("the GET's answer was never written")
	}
	resp, err := hc.Post(url, "text/plain", strings.NewReader("edit"))
	close(st.held)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	select {
	case <-st.landed:
	case <-time.After(3 * time.Second):
		t.Fatal("the GET's answer never landed")
	}
	if got := bodyOf(t, hc, url); got != "v2" {
		t.Errorf("a GET after the POST's answer got %q; want v2, not the answer the POST changed", got)
	}
}
