package httpcache_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A delete the storage refused while the retry of refused deletes was
// under way, and not among them, was not retried by a delete taken
// meanwhile (the retry under way was to do it), nor by that retry, which
// ended with the keys it began with: it waited for yet another delete
// taken. Another cache sharing the storage (a replica on one Redis)
// served the entry it should have deleted, from before the change, though
// the storage had taken every delete since. A retry that took all of its
// deletes now goes on with those refused meanwhile.
func TestDeleteRefusedDuringARetryIsRetried(t *testing.T) {
	origin := pathVersions()
	st := &heldDeletes{Memory: store.NewMemory(), held: make(chan struct{}), release: make(chan struct{})}
	quiet := httpcache.WithErrorHandler(func(error) {})
	tr := httpcache.New(origin, httpcache.WithStorage(st), quiet)
	hc := &http.Client{Transport: tr}
	replica := &http.Client{Transport: httpcache.New(origin, httpcache.WithStorage(st), quiet)}
	const base = "http://api.test"
	post := func(path string) {
		t.Helper()
		resp, err := hc.Post(base+path, "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	for _, p := range []string{"/alpha", "/beta"} {
		if got := bodyOf(t, hc, base+p); got != "v1" {
			t.Fatalf("GET %s got %q", p, got)
		}
	}
	st.refuse.Store(true)
	post("/alpha") // its delete refused
	st.refuse.Store(false)
	st.mu.Lock()
	st.hold = "/alpha"
	st.mu.Unlock()
	post("/x") // taken: the retry of /alpha's delete begins, and is held
	select {
	case <-st.held:
	case <-time.After(2 * time.Second):
		t.Fatal("the refused delete of /alpha was not retried")
	}
	st.refuse.Store(true)
	post("/beta") // v2; its delete refused during the retry
	st.refuse.Store(false)
	post("/y") // taken, while the retry is under way
	close(st.release)
	tr.Wait()
	if got := bodyOf(t, replica, base+"/beta"); got != "v2" {
		t.Errorf("a replica sharing the storage got %q for /beta after every delete since its POST was taken; want v2", got)
	}
	if got := bodyOf(t, hc, base+"/beta"); got != "v2" {
		t.Errorf("GET /beta got %q; want v2", got)
	}
}
