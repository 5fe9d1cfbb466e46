package httpcache_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// refusingDeletes is a store.Memory whose deletes fail while refuse is
// set: a storage down for a moment (a Redis cooling down).
type refusingDeletes struct {
	*store.Memory
	refuse atomic.Bool
}

func (s *refusingDeletes) Delete(ctx context.Context, key string) error {
	if s.refuse.Load() {
		return errors.New("storage unavailable")
	}
	return s.Memory.Delete(ctx, key)
}

// A POST's invalidation whose delete the storage did not take was lost:
// once the storage answered again, the entry from before the POST was
// served until it expired. The URL's lookups now miss until its index is
// deleted or written anew.
func TestInvalidationTheStorageDidNotTakeIsNotLost(t *testing.T) {
	o := versionedOrigin(t, nil)
	st := &refusingDeletes{Memory: store.NewMemory()}
	tr := httpcache.New(o.Client().Transport, httpcache.WithStorage(st))
	hc := &http.Client{Transport: tr}
	url := o.URL + "/doc"
	if got := bodyOf(t, hc, url); got != "v1" {
		t.Fatalf("got %q", got)
	}
	st.refuse.Store(true)
	resp, err := hc.Post(url, "text/plain", strings.NewReader("edit"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	tr.Wait()
	st.refuse.Store(false)
	before := o.hits.Load()
	for i := range 2 {
		if got := bodyOf(t, hc, url); got != "v2" {
			t.Errorf("GET %d after the POST's answer got %q; want v2, not the entry the POST changed", i, got)
		}
	}
	if n := o.hits.Load() - before; n != 1 {
		t.Errorf("the origin saw %d GETs; want 1: the second is served the entry the first stored", n)
	}
}
