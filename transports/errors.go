package transports

import (
	"errors"

	"github.com/taroreq/taroreq/middleware"
)

// Sentinel errors of the test transports. The errors they return wrap one of
// these (test with errors.Is) and name the request that caused them. Each
// also matches middleware.ErrNoRetry: a fake that has nothing for a request
// has nothing for its retries either, so a retry layer gives up at once and
// a backup layer moves on to the next URL.
var (
	// ErrNoScript is returned by a Scripted for a request that no script
	// matches.
	ErrNoScript = errors.New("no script for request")
	// ErrExhausted is returned by a Scripted built with NoRepeat for a
	// request whose script has no step left, and by any Scripted for a
	// request whose script has no step at all.
	ErrExhausted = errors.New("script exhausted")
	// ErrNotRecorded is returned by a Replayer for a request that matches no
	// recorded exchange.
	ErrNotRecorded = errors.New("no recorded exchange for request")
	// ErrBadScript is returned by a Scripted set up with a mistake (a URL
	// pattern that is neither Any nor an absolute URL, Fail(nil)), for
	// every request, and by its Err.
	ErrBadScript = errors.New("bad script")
)

// notRetried is a fake's miss, which every retry of the request would
// repeat: it matches middleware.ErrNoRetry. It is a plain value, safe for
// concurrent use.
type notRetried struct{ error }

func (e notRetried) Unwrap() error        { return e.error }
func (e notRetried) Is(target error) bool { return target == middleware.ErrNoRetry }

// ScriptError is a mistake in setting up a Scripted. It matches
// ErrBadScript. It is a plain value, safe for concurrent use once made.
type ScriptError struct {
	// Call names the call that made the mistake, its URL redacted (a
	// pattern may hold a token).
	Call string
	// Reason says what was wrong; empty when Call says it.
	Reason string
}

// Error names the call and what was wrong with it.
func (e *ScriptError) Error() string {
	s := "transports: bad script: " + e.Call
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// Unwrap returns ErrBadScript.
func (e *ScriptError) Unwrap() error { return ErrBadScript }
