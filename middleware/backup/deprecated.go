package backup

import "net/http"

// WithFailed is WithFailure under its old name: every layer's failure
// predicate is now called WithFailure (breaker.WithFailure too).
//
// Deprecated: use WithFailure.
func WithFailed(f func(*http.Response, error) bool) Option { return WithFailure(f) }
