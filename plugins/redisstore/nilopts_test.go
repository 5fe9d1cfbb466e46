package redisstore_test

import (
	"context"
	"errors"
	"testing"

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
