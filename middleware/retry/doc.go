// Package retry retries failed attempts of a request, as Taro.request's
// RetryTimes does, made safe for HTTP.
//
// The policy and backoff are go-retryablehttp's (DefaultRetryPolicy,
// DefaultBackoff and its Retry-After parsing), used inside a RoundTripper
// rather than through its Client: the request's body is replayed with
// GetBody, never buffered again; the connection pool is left alone; the last
// response is handed back when the budget is spent, and, in a plain
// http.Client, whenever the retries stop with one in hand (see ErrRetryAfter).
//
// What counts as a failure: a transport error or timeout, 429, 5xx but 501,
// and an answer that the request's Settings.AttemptCheck rejects (JSONP's: a
// non-2xx status, a body that is not the expected call); and, when the caller
// reads bodies whole (middleware.Settings.Buffered, or WithBufferedBodies), a
// body that stalls past the attempt's timeout or is cut short: the layer
// reads the answer's body inside the attempt and hands it up in a
// middleware.BufferedBody. A body over the bound is not a failure to retry:
// it ends the request with middleware.ErrTooLarge. POST, PATCH and CONNECT
// are retried only when the request surely never left (the dial failed, the
// attempt ended before net/http had a connection for it, or a layer refused
// it: middleware.ErrNotSent), unless the request's Settings
// mark it idempotent or it carries an Idempotency-Key header; that rule is
// MaySendAgain, which the backup layer applies to failover too. Errors that
// match middleware.ErrNoRetry (an open circuit, a rejected DataCheck) are
// not retried.
//
// A redirect in a call that reads bodies whole or streams them (a client's
// call: its client follows redirects) is not read as the answer: its body is
// drained (bounded) and dropped, as fetch never reads it, and the response
// is handed up without a body or a Content-Length. A caller that makes such
// a Call itself and keeps redirects (http.ErrUseLastResponse) gets them so.
//
// Waits are exponential with jitter, or what Retry-After asks (capped). No
// wait is begun that would end past the context's deadline, and cancelling the
// context ends a wait at once.
package retry
