package redisstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestNilOptions: a nil Option means the default; a nil client gives a Store
// that fails with ErrNoClient, never a panic.
func TestNilOptions(t *testing.T) {
	s := redisstore.New(nil, nil, redisstore.WithPrefix("p:"), nil)
	if _, _, err := s.Get(context.Background(), "k"); !errors.Is(err, redisstore.ErrNoClient) {
		t.Fatalf("Get: %v", err)
	}
}

// TestUnmadeStoreFails: the zero Store and a nil *Store (a typed nil handed
// to client.WithStore) fail every operation with ErrNoClient, as a Store on
// a nil client does; the nil one panicked.
func TestUnmadeStoreFails(t *testing.T) {
	ctx := context.Background()
	var nilStore *redisstore.Store
	for name, s := range map[string]*redisstore.Store{"zero": {}, "nil": nilStore} {
		if _, _, err := s.Get(ctx, "k"); !errors.Is(err, redisstore.ErrNoClient) {
			t.Errorf("%s Get: %v", name, err)
		}
		if err := s.Set(ctx, "k", store.Entry{StatusCode: 200}); !errors.Is(err, redisstore.ErrNoClient) {
			t.Errorf("%s Set: %v", name, err)
		}
		if err := s.Delete(ctx, "k"); !errors.Is(err, redisstore.ErrNoClient) {
			t.Errorf("%s Delete: %v", name, err)
		}
		_ = s.Errors()
	}
}
