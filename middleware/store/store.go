// Package store is Taro's useStore: a response store read before the
// network and written after a successful response, with a stale fallback
// once every URL of a request has failed.
//
// The layer (New) answers a request from its Store when the request's
// middleware.Settings say UseStore and the stored response passes
// Settings.StoreCheck and Settings.DataCheck: no network I/O at all. Otherwise
// it sends the request on, and writes a 2xx response (which, below the
// datacheck layer, has passed DataCheck) to the Store. Fallback plugs into
// the backup layer's extension point: when every URL has failed, stored data
// answers even if its sign is stale, provided DataCheck accepts it.
//
// A Store failing (a remote backend down) never fails a request: the layer
// skips it and reports the error to the handler set with WithErrorHandler.
//
// Memory is the in-process Store, bounded in entries and bytes (expired
// entries swept, then the least recently used evicted, at a cost that does
// not grow with the number of entries), with an optional
// snapshot to a file so it survives a restart. Other backends (a Redis shared
// by many replicas, see plugins/redisstore) implement Store.
package store

import (
	"context"
	"errors"
)

// Store holds responses by key. Implementations must be safe for concurrent
// use. Get reports ok false, err nil for a key it does not hold; the Entry it
// returns is the caller's own. Set must not keep e's maps or slices after it
// returns (encode them: Entry.MarshalBinary is there for that).
type Store interface {
	// Get returns key's entry; ok false, err nil when it holds none.
	Get(ctx context.Context, key string) (e Entry, ok bool, err error)
	// Set writes e under key, in place of what key held.
	Set(ctx context.Context, key string, e Entry) error
	// Delete removes key's entry; deleting a key it does not hold is no
	// error.
	Delete(ctx context.Context, key string) error
}

// Viewer is a Store that can hand out an entry shared and read-only
// (Memory.View): a reader then copies only what it hands on, and skips a
// decode. Like a Store, it must be safe for concurrent use.
type Viewer interface {
	// View is Get, the Entry's maps and slices shared: not to be modified.
	View(ctx context.Context, key string) (Entry, bool, error)
}

// BodyViewer is a Store that can hand out an entry's body alone, shared
// and read-only, without decoding the rest (Memory.ViewBody). Like a
// Store, it must be safe for concurrent use.
type BodyViewer interface {
	// ViewBody is View's Body alone, shared: not to be modified.
	ViewBody(ctx context.Context, key string) ([]byte, bool, error)
}

// Read returns key's entry from st: shared and read-only when st is a
// Viewer (shared reports it; the caller must not change its header or
// body), else the caller's own, from Get.
func Read(ctx context.Context, st Store, key string) (e Entry, ok, shared bool, err error) {
	if v, isViewer := st.(Viewer); isViewer {
		e, ok, err = v.View(ctx, key)
		return e, ok, true, err
	}
	e, ok, err = st.Get(ctx, key)
	return e, ok, false, err
}

// Errors of the package.
var (
	// ErrCorrupt is an encoded entry that cannot be decoded.
	ErrCorrupt = errors.New("store: corrupt entry")
	// ErrBadSnapshot is a snapshot file that is not a complete, intact
	// snapshot of this format; the store is left as it was.
	ErrBadSnapshot = errors.New("store: bad snapshot")
)
