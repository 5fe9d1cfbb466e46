package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// A store with a TTL keeps what it loads from a snapshot no longer than
// the TTL: an entry of a snapshot written without one (or by another
// program, with an expiry far off) expires as if written at the load.
func TestLoadedEntriesExpireByTheTTL(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		src  *store.Memory
	}{
		{"no ttl in the snapshot", store.NewMemory()},
		{"a longer ttl in the snapshot", store.NewMemory(store.WithTTL(1000 * time.Hour))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.src.Set(ctx, "k", store.Entry{StatusCode: 200, Body: []byte(`{}`)}); err != nil {
				t.Fatal(err)
			}
			var snap bytes.Buffer
			if err := tc.src.Save(&snap); err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			clock := func() time.Time { return now }
			dst := store.NewMemory(store.WithTTL(time.Hour), store.WithMemoryClock(clock))
			if err := dst.Load(&snap); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := dst.Get(ctx, "k"); !ok {
				t.Fatal("loaded entry missing")
			}
			now = now.Add(2 * time.Hour)
			if _, ok, _ := dst.Get(ctx, "k"); ok {
				t.Fatal("a loaded entry outlived the store's one-hour TTL")
			}
		})
	}
}
