package httpcache_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The index keys whose delete the storage refused are kept, up to 4096, as
// invalidations under way until a delete of them is taken or a GET's answer
// is filed under a new generation. Those of URLs never requested again (a
// resource DELETEd or POSTed to during a Redis outage) were kept for the
// process's life: once 4096 of them had been, every later delete refused
// was lost again, and the entry it should have deleted was served once the
// storage answered. A delete the storage takes now retries those it refused.
func TestRefusedDeletesOfURLsNeverRequestedAgainDoNotFillTheBound(t *testing.T) {
	origin := pathVersions()
	st := &refusingDeletes{Memory: store.NewMemory()}
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
		tr.Wait()
	}
	if got := bodyOf(t, hc, base+"/doc"); got != "v1" {
		t.Fatalf("got %q", got)
	}
	// Two deletes refused, one's URL then filed anew by a GET's answer.
	st.refuse.Store(true)
	post("/first")
	post("/second")
	st.refuse.Store(false)
	bodyOf(t, hc, base+"/first")
	// An outage: the deletes of 4096 URLs, never requested again, refused.
	st.refuse.Store(true)
	for i := range 4096 {
		post("/gone/" + strconv.Itoa(i))
	}
	st.refuse.Store(false)
	post("/other") // the storage takes deletes again
	// Another outage, short: the POST to /doc's delete refused.
	st.refuse.Store(true)
	post("/doc")
	st.refuse.Store(false)
	if got := bodyOf(t, hc, base+"/doc"); got != "v2" {
		t.Errorf("GET after the POST's answer got %q; want v2, not the entry the POST changed", got)
	}
}
