// Package middleware is the layer model of taroreq: a Middleware wraps an
// http.RoundTripper, Chain stacks them, and a Call carries one request's
// settings (resolved from the client's Option) and record through the
// stack in the request's context.
//
// Every layer lives in its own package (timeout, retry, backup, datacheck,
// breaker …), has a New(base, opts...) constructor, and works on its own
// inside a plain http.Client: without a Call in the context it uses the
// options it was built with.
//
// # The order of the default stack
//
// This is the one place that says in which order the client stacks the
// layers (client.DefaultLayers builds it), outermost first, and why:
//
//		store → backup → datacheck → retry → breaker → timeout → transport
//
//	  - store: outermost, so that a hit costs no work below it, and so that
//	    when every URL has failed it can still answer with stale data.
//	  - backup: iterates over the URLs; everything below runs once per URL,
//	    so a URL's retries, checks and circuit are its own.
//	  - datacheck: judges a URL's final response. Above retry, a rejection is
//	    not retried on the same URL: backup moves on at once.
//	  - retry: repeats attempts on one URL. Above breaker and timeout, so
//	    each attempt gets its own deadline and is counted by the breaker.
//	  - breaker: per origin; an open circuit fails fast with no I/O, and its
//	    error is not retried (ErrNoRetry), so backup goes to the next origin.
//	  - timeout: innermost, so it bounds exactly one attempt, body included;
//	    its timer is released when that attempt's body is closed.
//
// A request therefore visits backup, datacheck, retry, breaker, timeout, the
// transport; the client test TestLayerOrder asserts this trace.
package middleware
