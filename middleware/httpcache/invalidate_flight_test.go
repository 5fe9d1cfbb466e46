package httpcache_test

import (
	"sync/atomic"
	"testing"
	"time"
)

// A GET sent after a POST's answer came joined an identical GET the origin
// was still answering from before the change, and got what the POST
// changed: its own request would have got the new version. A request
// looked up after an invalidation of its URL began now joins no exchange
// looked up before it.
func TestGetAfterAPostJoinsNoExchangeFromBeforeIt(t *testing.T) {
	var hold atomic.Bool
	hold.Store(true)
	held, release := make(chan struct{}), make(chan struct{})
	o := versionedOrigin(t, func() {
		if hold.CompareAndSwap(true, false) {
			close(held) // read before the change; answered after it
			<-release
		}
	})
	hc, tr := cached(o)
	defer tr.Wait()
	first, second := aroundAPost(t, hc, o.URL+"/doc", o.URL+"/doc", held, release)
	var got string
	select {
	case got = <-second: // its own request
	case <-time.After(200 * time.Millisecond): // waiting on the first's
	}
	close(release)
	if got == "" {
		got = <-second
	}
	if f := <-first; f != "v1" {
		t.Errorf("the first GET got %q, want v1", f)
	}
	if got != "v2" {
		t.Errorf("a GET sent after the POST's answer got %q; want v2, not what the POST changed", got)
	}
}
