package httpcache_test

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

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
