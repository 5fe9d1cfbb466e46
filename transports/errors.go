package transports

import "errors"

// Sentinel errors of the test transports. The errors they return wrap one of
// these (test with errors.Is) and name the request that caused them.
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
)
