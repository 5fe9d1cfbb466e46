// Package tracing reports taroreq's requests to OpenTelemetry: spans and
// metrics following the HTTP client semantic conventions, built on the
// OpenTelemetry API only (an SDK is the application's choice).
//
// Two layers work together:
//
//   - New and Middleware make a CLIENT span per attempt, named by the method
//     ("GET"), with http.request.method, url.full (userinfo removed, the
//     value of secret-looking query parameters replaced by "REDACTED"),
//     server.address, server.port, http.response.status_code, error.type,
//     network.protocol.version and, on a resend, http.request.resend_count.
//     It injects the propagators' headers (W3C traceparent with
//     propagation.TraceContext; by default otel.GetTextMapPropagator(),
//     which sends nothing until the application sets one) into a clone of
//     the request and records http.client.request.duration. Put
//     it just above the transport (client.WithInnerLayers), where it sees
//     every attempt.
//   - RequestMiddleware makes an INTERNAL span for the logical request,
//     named "taroreq GET", the parent of its attempts' spans. When it ends
//     it records what the request's middleware.Call says: the attempts
//     (taroreq.attempts), the URL that answered (taroreq.answered_url),
//     taroreq.from_store, taroreq.from_cache, and every Call event (retry,
//     failover, breaker.open, store.hit...) as a span event (a redirected
//     call passes through it once a hop: each hop's span has the events of
//     its hop, counted once, and is a child of the call's first request
//     span, in its trace); it counts
//     them in taroreq.client.retries, taroreq.client.failovers,
//     taroreq.client.store_hits (fresh hits and stale fallbacks) and
//     taroreq.client.breaker_rejections. Put it outside every other layer
//     (client.WithOuterLayers). plugins/oteltaroreq installs both.
//
// Samplers see the method, server.address and server.port; url.full and the
// resend count are set once a span is known to record. When neither span
// records nor any instrument is enabled (no provider installed), the layers
// only propagate a valid span context and otherwise step aside: measured
// over a stub transport (BenchmarkTracing), about +10 ns per attempt, +70 ns
// with both layers, and no allocation.
//
// BreakerStateObserver, passed to breaker.WithStateChange, records each
// circuit's state in the gauge taroreq.client.breaker.state.
//
// Metric attributes are bounded: the method, server.address, server.port,
// the status and error.type; never the URL.
//
// A span ends when the response body is closed or read to its end, not when
// RoundTrip returns, so the time to read the body is included; on an error
// it ends at once. The duration histogram is recorded when the attempt's
// span ends.
//
// The attempt number comes from the Call (the retry layer counts attempts);
// without a Call, from a count that RequestMiddleware keeps for the logical
// request. With neither (an attempt layer under a plain retry layer in an
// http.Client with no RequestMiddleware) no resend count is recorded.
//
// A nil base means http.DefaultTransport. The RoundTrippers and Middlewares
// of this package are safe for concurrent use; they never modify the
// caller's request and honour the http.RoundTripper contract.
package tracing
