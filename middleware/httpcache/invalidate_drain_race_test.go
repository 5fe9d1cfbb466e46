package httpcache_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// heldDeletes refuses deletes while refuse is set; once hold is armed,
// the next delete of a key holding it is done in the storage but its
// caller hears of it only when release is closed (a Redis reply still on
// the wire).
type heldDeletes struct {
	*store.Memory
	refuse  atomic.Bool
	mu      sync.Mutex
	hold    string
	held    chan struct{}
	release chan struct{}
}

func (s *heldDeletes) Delete(ctx context.Context, key string) error {
	if s.refuse.Load() {
		return errors.New("storage unavailable")
	}
	err := s.Memory.Delete(ctx, key)
	s.mu.Lock()
	hold := s.hold != "" && strings.Contains(key, s.hold)
	if hold {
		s.hold = ""
	}
	s.mu.Unlock()
	if hold {
		close(s.held)
		<-s.release
	}
	return err
}

// A delete taken by the storage whose outcome was noted after a later
// delete of the same URL had been refused cleared that refusal: the retry
// of the refused deletes (3ee2acc) deleting /doc's index while a GET filed
// /doc anew and a POST to /doc changed it, its delete refused. Once the
// retry's answer came, /doc's lookups found the GET's entry from before
// that POST: served until it expired. A delete's outcome now clears only
// the refusals noted before it began.
func TestRetriedDeleteDoesNotClearALaterRefusal(t *testing.T) {
	origin := pathVersions()
	st := &heldDeletes{Memory: store.NewMemory(), held: make(chan struct{}), release: make(chan struct{})}
	tr := httpcache.New(origin, httpcache.WithStorage(st), httpcache.WithErrorHandler(func(error) {}))
	hc := &http.Client{Transport: tr}
	const base = "http://api.test"
	post := func(path string) {
		t.Helper()
		resp, err := hc.Post(base+path, "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := bodyOf(t, hc, base+"/doc"); got != "v1" {
		t.Fatalf("got %q", got)
	}
	st.refuse.Store(true)
	post("/doc") // v2, its delete refused
	st.refuse.Store(false)
	st.mu.Lock()
	st.hold = "/doc"
	st.mu.Unlock()
	post("/other") // taken: /doc's delete is retried, and held
	select {
	case <-st.held:
	case <-time.After(2 * time.Second):
		t.Fatal("the refused delete of /doc was not retried")
	}
	if got := bodyOf(t, hc, base+"/doc"); got != "v2" {
		t.Fatalf("GET during the retry got %q; want v2", got)
	}
	st.refuse.Store(true)
	post("/doc") // v3, its delete refused
	st.refuse.Store(false)
	close(st.release)
	tr.Wait()
	if got := bodyOf(t, hc, base+"/doc"); got != "v3" {
		t.Errorf("GET after the POST that made v3 got %q: the retry's outcome cleared that POST's refused delete", got)
	}
}
