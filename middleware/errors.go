package middleware

import "errors"

// ErrNoRetry marks a failure that retrying on the same URL cannot mend: an
// open circuit, a response that DataCheck rejected. Errors that match it
// with errors.Is are not retried by the retry layer; the backup layer moves
// on to the next URL at once.
var ErrNoRetry = errors.New("not retryable on the same URL")
