package httpcache_test

import (
	"context"
	"errors"

	"github.com/taroreq/taroreq/middleware/store"
)

// brokenStore fails every operation.
type brokenStore struct{}

var errBroken = errors.New("storage down")

func (brokenStore) Get(context.Context, string) (store.Entry, bool, error) {
	return store.Entry{}, false, errBroken
}
func (brokenStore) Set(context.Context, string, store.Entry) error { return errBroken }
func (brokenStore) Delete(context.Context, string) error           { return errBroken }
