package httpcache

import (
	"errors"
	"fmt"

	"github.com/taroreq/taroreq/middleware"
)

// Mode is a fetch cache mode: how one request uses the cache. The zero
// Mode is ModeDefault. A Mode is a plain value, safe to share.
type Mode uint8

// The fetch cache modes (https://fetch.spec.whatwg.org/#concept-request-cache-mode).
const (
	// ModeDefault answers from a fresh entry, revalidates a stale one that
	// has a validator (ETag, Last-Modified), and otherwise fetches and stores.
	ModeDefault Mode = iota
	// ModeNoStore neither reads nor writes the cache.
	ModeNoStore
	// ModeReload fetches without reading the cache, and stores the result.
	ModeReload
	// ModeNoCache revalidates any entry, fresh or not, before using it.
	ModeNoCache
	// ModeForceCache uses any entry, however stale, and else fetches.
	ModeForceCache
	// ModeOnlyIfCached uses any entry, however stale, and else fails with
	// ErrNotCached without any I/O.
	ModeOnlyIfCached
)

var modeNames = [...]string{"default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"}

// String returns the mode's fetch name, e.g. "force-cache".
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", m)
}

// ErrBadMode is the error of ParseMode for a name that is not a mode, and
// of a request whose mode (WithMode) is none of the constants.
var ErrBadMode = errors.New("httpcache: unknown cache mode")

// ErrNotCached is the error of a ModeOnlyIfCached request the cache holds
// no entry for (a *middleware.NotCachedError says which). No request was
// sent. It is middleware.ErrNotCached.
var ErrNotCached = middleware.ErrNotCached

// ParseMode returns the mode named s; "" is ModeDefault.
func ParseMode(s string) (Mode, error) {
	if s == "" {
		return ModeDefault, nil
	}
	for i, n := range modeNames {
		if s == n {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("%w %q (want default, no-store, reload, no-cache, force-cache or only-if-cached)", ErrBadMode, s)
}

// reads reports whether the mode may answer from an entry.
func (m Mode) reads() bool { return m != ModeNoStore && m != ModeReload }

// writes reports whether the mode may store what the network answered.
func (m Mode) writes() bool { return m != ModeNoStore }
