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
//		[outer] → store → backup → datacheck → [httpcache] → retry → breaker → timeout → [extra] → transport
//
//	  - outer (client.WithOuterLayers, e.g. a tracing request span):
//	    sees each logical request once.
//	  - store: outermost of the default layers, so that a hit costs no work below it, and so that
//	    when every URL has failed it can still answer with stale data.
//	  - backup: iterates over the URLs; everything below runs once per URL,
//	    so a URL's retries, checks and circuit are its own.
//	  - datacheck: judges a URL's final response. Above retry, a rejection is
//	    not retried on the same URL: backup moves on at once.
//	  - httpcache (client.WithHTTPCache, off by default): per URL, as HTTP
//	    caching is; below datacheck so a cached response is still checked,
//	    above retry so a miss is retried and one coalesced miss is one
//	    upstream request however many callers wait on it.
//	  - retry: repeats attempts on one URL. Above breaker and timeout, so
//	    each attempt gets its own deadline and is counted by the breaker.
//	    It applies Settings.AttemptCheck (JSONP's) to every attempt: below
//	    backup, so a rejected answer is retried and then failed over, and
//	    below datacheck, the HTTP cache and the store, so they all see the
//	    checked (unwrapped) body. For a buffered call (Settings.Buffered) it
//	    reads the body inside the attempt, before the timeout's context is
//	    released, so a body that stalls or breaks is a failed attempt; the
//	    layers above take the bytes as they are.
//	  - breaker: per origin; an open circuit fails fast with no I/O, and its
//	    error is not retried (ErrNoRetry), so backup goes to the next origin.
//	  - timeout: innermost, so it bounds exactly one attempt, body included;
//	    its timer is released when that attempt's body is closed.
//	  - extra (client.WithInnerLayers, e.g. a tracing span per attempt): sees
//	    every attempt, just above the cookie jar and the transport.
//
// A request therefore visits store, backup, datacheck, retry, breaker,
// timeout, the transport (the store layer is visited by every call, and
// steps aside unless it asks for the store); the client test TestLayerOrder
// asserts this trace.
package middleware
