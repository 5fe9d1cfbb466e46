package httpcache_test

import (
	"io"
	"net/http"
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

// Identical concurrent misses become one upstream request (README), but
// the flight key counted every invalidation begun before the lookup, of
// any URL: a POST to another URL answered while a GET was under way made
// an identical GET go upstream by itself (a busy service's unsafe requests
// split every exchange of its hot URLs). The key now counts the newest
// invalidation of the request's own URL.
func TestPostToAnotherURLSplitsNoExchange(t *testing.T) {
	var gets atomic.Int32
	held, release := make(chan struct{}), make(chan struct{})
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			io.WriteString(w, "changed")
			return
		}
		if gets.Add(1) == 1 {
			close(held)
			<-release
		}
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, "hot")
	})
	hc, tr := cached(o)
	defer tr.Wait()
	first, second := aroundAPost(t, hc, o.URL+"/hot", o.URL+"/other", held, release)
	time.Sleep(100 * time.Millisecond) // the second joins, or goes up
	close(release)
	if f, s := <-first, <-second; f != "hot" || s != "hot" {
		t.Fatalf("got %q and %q", f, s)
	}
	if n := gets.Load(); n != 1 {
		t.Errorf("the origin was asked %d times for /hot; want 1 (a POST to /other changed nothing of it)", n)
	}
}
