// Package httpcache is an RFC 9111 private HTTP cache as a RoundTripper
// layer, with the six fetch cache modes (Option.Cache in package client).
//
// # What it caches
//
// GET responses that RFC 9111 lets a private cache store: not no-store (in
// the request or the response), not Vary: *, not partial, and either with
// explicit freshness (max-age, Expires) or of a heuristically cacheable
// status (200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501). Requests
// with their own Range or conditional headers pass through untouched.
//
// Freshness is max-age (s-maxage is ignored: the cache is private), else
// Expires − Date, else 10% of Date − Last-Modified; the age counts the Age
// header and the time in flight (RFC 9111 §4.2.3). Served entries carry an
// Age header. Directives are parsed by github.com/pquerna/cachecontrol.
//
// # Modes
//
//	ModeDefault       fresh entry → served; stale → revalidated with If-None-Match /
//	                  If-Modified-Since (a 304 refreshes the entry's headers and serves
//	                  its body); no-cache in the response always revalidates
//	ModeNoStore       neither reads nor writes
//	ModeReload        does not read; writes what the network answers
//	ModeNoCache       revalidates every entry, fresh or not
//	ModeForceCache    any entry, however stale; else the network
//	ModeOnlyIfCached  any entry, however stale; else ErrNotCached, no I/O
//
// A request's Cache-Control (no-store, no-cache, max-age, min-fresh,
// only-if-cached, stale-if-error) narrows its mode. A stale entry answers a
// failed revalidation (an error, 500, 502, 503 or 504) within the
// response's or the request's stale-if-error, and answers at once within
// stale-while-revalidate while a background revalidation refreshes it
// (Transport.Wait waits for those).
//
// # Keys and users
//
// An entry is found by the URL and a hash of the request's Authorization,
// Cookie and Proxy-Authorization headers, the fetch credentials mode and the
// header fields the response's Vary names: two users of one client never
// see each other's entries. A successful unsafe request (POST, PUT, DELETE,
// PATCH …) invalidates every entry of its URL, and of its Location and
// Content-Location on the same host (RFC 9111 §4.4). In the client's stack
// the cache sits above the cookie jar, so cookies the jar adds are not in
// the key: one client is one cookie user.
//
// # Coalescing
//
// Identical concurrent GETs that miss (same URL, same header fields, same
// mode) share one upstream exchange (golang.org/x/sync/singleflight). The
// exchange runs under context.WithoutCancel, so one caller's cancellation
// does not fail the others; each caller still waits on its own context.
// Per-attempt deadlines below the cache (package timeout) still bound it,
// and the first caller's per-request settings (retries, timeout) govern it.
// A
// shared body is buffered, up to the bound (WithMaxBodyBytes); over the
// bound, each caller fetches its own copy, which is not stored.
//
// # Storage
//
// Entries live in a store.Store (WithStorage): by default a bounded
// in-memory store.Memory (DefaultMaxEntries, DefaultMaxBytes, least recently
// used evicted first); plugins/redisstore shares one cache between
// replicas. Storage errors never fail a request (WithErrorHandler sees
// them).
//
// A Transport is safe for concurrent use. Inside the client, Option.Cache
// chooses each request's mode; in a plain http.Client, WithMode does.
package httpcache
