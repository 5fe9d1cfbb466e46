package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/store"
)

// corruptOnce is a Store whose first read of any key fails as a value that
// does not decode does (store.ErrCorrupt), as a Redis entry another
// program wrote would.
type corruptOnce struct {
	store.Store
	read   atomic.Bool
	errors atomic.Int32
}

func (c *corruptOnce) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	if c.read.CompareAndSwap(false, true) {
		return store.Entry{}, false, fmt.Errorf("%w: garbage under %d bytes of key", store.ErrCorrupt, len(key))
	}
	return c.Store.Get(ctx, key)
}

// plugins/redisstore's doc promises that a key holding a value that does
// not decode (store.ErrCorrupt) is healed by "the next successful response
// for that request", which the store layer writes; its tests held the
// store's overwrite, not the layer's. A request whose entry reads as
// corrupt goes to the network, the error goes to the handler, the answer
// is written, and the next request is answered from the store.
func TestCorruptEntryIsOverwrittenByTheNextAnswer(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{"v":"1"}`))
	st := &corruptOnce{Store: store.NewMemory()}
	rt := store.New(nil, st, store.WithErrorHandler(func(error) { st.errors.Add(1) }))
	key := store.Key("GET", srv.URL, nil, "")
	body, _, call, err := send(t, rt, srv.URL, settings(key, store.SignCheck("v", "1")))
	if err != nil || body != `{"v":"1"}` || call.FromStore() || srv.Count() != 1 || st.errors.Load() != 1 {
		t.Fatalf("over a corrupt entry: %q %v, from the store %v, %d requests, %d errors reported; want the network's answer, the error reported",
			body, err, call.FromStore(), srv.Count(), st.errors.Load())
	}
	body, _, call, err = send(t, rt, srv.URL, settings(key, store.SignCheck("v", "1")))
	if err != nil || body != `{"v":"1"}` || !call.FromStore() || srv.Count() != 1 {
		t.Fatalf("next request: %q %v, from the store %v, %d requests; want the answer written over the corrupt entry", body, err, call.FromStore(), srv.Count())
	}
}
