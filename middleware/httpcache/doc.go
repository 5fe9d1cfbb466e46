// Package httpcache is an RFC 9111 HTTP cache as a RoundTripper layer, with
// the six fetch cache modes (Option.Cache in package client): a private
// cache by default, a shared one with WithShared (in front of an origin, as
// the Transport of an httputil.ReverseProxy; see examples/sharedcache).
//
// # What it caches
//
// GET responses that RFC 9111 lets the cache store: not no-store (in the
// request or the response; must-understand overrides no-store for a status
// the cache understands, and keeps any other status out), not Vary: *, not
// partial (206), and either with explicit freshness (max-age, Expires,
// s-maxage when shared) or public, or private in a private cache, or of a
// heuristically cacheable status (200, 203, 204, 300, 301, 308, 404, 405,
// 410, 414, 501). A shared cache stores no private response, and for a
// request with Authorization only a response with public, s-maxage or
// must-revalidate (§3.5).
//
// Freshness is s-maxage (shared cache only), else max-age, else Expires −
// Date, else 10% of Date − Last-Modified; the age counts the Age header and
// the time in flight (RFC 9111 §4.2.3). An Age that is not one
// non-negative integer (a list, two lines, a sign, a fraction) makes the
// response stale: it is revalidated rather than trusted. Served entries
// carry an Age header. Directives are parsed by
// github.com/pquerna/cachecontrol, once, when a response is stored.
//
// # Answers from an entry
//
// An entry that may be used (fresh, or stale within the request's
// max-stale) answers a GET, and also: a HEAD, with its header fields and no
// body; the caller's own If-None-Match or If-Modified-Since, with a 304 when
// they match (If-None-Match first, weak comparison); a single byte range of
// a stored 200, with a 206. Without a usable entry these go to the origin as
// they are and store nothing; so do If-Match, If-Unmodified-Since, If-Range,
// multiple ranges and ranges past the end. 206 responses are not stored nor
// combined: a range is cut from a complete stored response only (storing
// parts would need a range set per entry, merged across replicas that share
// a storage, for the few clients that fetch ranges of cacheable resources).
//
// # Validation
//
// A stale entry is revalidated with If-None-Match / If-Modified-Since. A
// 304 updates the entry's header fields (RFC 9111 §3.2; not Content-Length,
// the content's coding, digest and range, nor hop-by-hop fields) and its
// freshness, if it selects the entry (§4.3.4): a strong ETag must be the
// entry's, a weak one match it, a Last-Modified be the entry's. A 304 that
// selects nothing updates nothing; the entry answers that request as it
// was. In a shared cache, a 304 to one user leaves the fields that say who
// that user is or carry a credential (credential-named, X-User-Id,
// X-Remote-User…) out of the entry every user is served: that user's
// answer carries them.
//
// # Modes
//
//	ModeDefault       usable entry → served; stale → revalidated; no-cache in the
//	                  response always revalidates
//	ModeNoStore       neither reads nor writes
//	ModeReload        does not read; writes what the network answers
//	ModeNoCache       revalidates every entry, fresh or not
//	ModeForceCache    any entry, however stale; else the network
//	ModeOnlyIfCached  any entry, however stale; else ErrNotCached, no I/O
//
// A request's Cache-Control (no-store, no-cache, max-age, max-stale,
// min-fresh, only-if-cached, stale-if-error) narrows its mode. In a shared
// cache, force-cache and only-if-cached never use an entry the origin said
// to validate first (no-cache; once stale, must-revalidate,
// proxy-revalidate, s-maxage): it may be another user's (§3.5).
//
// # Serving stale
//
// A stale entry answers when the origin cannot be reached (connection
// refused, reset or closed, no such host, a timeout below the cache), as
// RFC 9111 §4.2.4 allows a disconnected cache, unless the response says
// must-revalidate, proxy-revalidate, no-cache or (shared cache) s-maxage,
// or the request asked for revalidation. It answers a failed revalidation
// (an error, 500, 502, 503, 504) within the response's or the request's
// stale-if-error, and answers at once within stale-while-revalidate while a
// background revalidation refreshes it (Transport.Wait waits for those).
// Such an answer carries "Cache-Status: taroreq; hit; ttl=N; detail=..."
// (RFC 9211: N the remaining freshness in seconds, negative once stale;
// ServedStale reads it), and in a client the cache.hit event has
// the failure as Err.
//
// # Keys and users
//
// An entry is found by the URL and the request's credential partition (a
// keyed hash of its credential headers and the cookies its client's jar
// adds, see middleware.Settings.Partition), the fetch credentials mode,
// whether the body is one a Settings.AttemptCheck returned (JSONP's
// unwrapped payload, never a plain call's answer) and the header fields
// the response's Vary names: two users never see each
// other's entries. In a shared cache, the responses §3.5 makes every user's
// (public, s-maxage, must-revalidate to a request whose one credential is
// Authorization) are the one exception: stored once,
// they answer any user (see WithShared). A successful unsafe request (POST,
// PUT, DELETE, PATCH …) invalidates every entry of its URL, every user's,
// and of its Location and Content-Location on the same host (RFC 9111
// §4.4). A URL is filed in one spelling (RFC 9110 §4.2.3: host case,
// default port, empty path, escapes of unreserved characters; userinfo and
// fragment, never sent, left out), so that any spelling of it finds and
// invalidates its entries. Keys hold no secret (see key.go).
//
// # Coalescing
//
// Identical concurrent GETs that miss (same URL, same header fields, same
// mode, same partition, both checked or neither, and the same per-request
// settings: timeout, retries, body bound) share one upstream exchange. It
// runs without the callers' cancellation, so one caller giving up does not
// fail the others; it ends when its last waiter is gone, so it lasts at
// most as long as the longest waiter's deadline, and a later request
// starts afresh. In a shared
// cache, an answer made for the caller that started it (private, or with a
// Set-Cookie or another Personal field) is not shared: every other waiter
// sends its own request. A shared body
// is buffered, up to the bound (WithMaxBodyBytes); over it, the response is
// not stored and goes whole to one waiter, the others get
// ErrTooLargeToShare.
//
// # Storage
//
// Entries live in a store.Store (WithStorage): by default a bounded
// in-memory store.Memory (DefaultMaxEntries, DefaultMaxBytes, least recently
// used evicted first), whose shared views spare a hit a copy and a decode;
// plugins/redisstore shares one cache between replicas. Storage errors
// never fail a request (WithErrorHandler sees them).
//
// A Transport is safe for concurrent use. Inside the client, Option.Cache
// chooses each request's mode; in a plain http.Client, WithMode does.
package httpcache
