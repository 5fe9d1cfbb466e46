package middleware

import "errors"

// ErrNoRetry marks a failure that retrying on the same URL cannot mend: an
// open circuit, a response that DataCheck rejected. Errors that match it
// with errors.Is are not retried by the retry layer; the backup layer moves
// on to the next URL at once.
var ErrNoRetry = errors.New("not retryable on the same URL")

// ErrNotSent marks a failure that proves the request never left: a layer
// refused it before any I/O (an open circuit). A POST, PATCH or CONNECT that
// failed so may be retried and failed over like an idempotent request.
var ErrNotSent = errors.New("request not sent")

// ErrTooLarge matches a response body over the size bound, whichever layer
// (or the client) found it: client.ErrResponseTooLarge and
// datacheck.ErrTooLarge are this same error.
var ErrTooLarge = errors.New("response body exceeds the size bound")
