package httpcache

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/cachecontrol/cacheobject"

	"github.com/taroreq/taroreq/internal/credential"
)

// Directive parsing is pquerna/cachecontrol's (cacheobject), a maintained
// RFC 9111 parser. Its freshness computation is not used: it reads the wall
// clock, ignores Age and Date for max-age, and takes the heuristic from
// now − Last-Modified; the few lines below follow RFC 9111 §4.2 instead.

// heuristicStatus lists the status codes RFC 9110 §15.1 defines as
// heuristically cacheable (206 aside: partial responses are not stored).
func heuristicStatus(code int) bool {
	switch code {
	case 200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501:
		return true
	}
	return false
}

// understoodStatus lists the final status codes whose caching requirements
// this cache implements: those RFC 9110 defines, 206 (never stored) and 304
// (never stored; it updates entries) aside. A response with must-understand
// and another status is not stored (RFC 9111 §5.2.2.3).
func understoodStatus(code int) bool {
	switch code {
	case 200, 201, 202, 203, 204, 205,
		300, 301, 302, 303, 307, 308,
		400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426,
		500, 501, 502, 503, 504, 505:
		return true
	}
	return false
}

// maxCacheControl bounds the Cache-Control that is parsed: cacheobject
// allocates the rest of the header for every quoted string in it, time and
// memory quadratic in its length (a 1 MiB header, which the transport
// takes, cost seconds on every parse). A longer one is malformed.
const maxCacheControl = 8 << 10

// cacheControl is h's Cache-Control, its fields joined, under any
// spelling of the name (a plain http.Client sends h["cache-control"] as it
// is, and the origin reads it as Cache-Control), and whether it is short
// enough to be parsed; each argument of no-cache and private ends at a
// comma (fieldArgsEndAtComma).
func cacheControl(h http.Header) (string, bool) {
	v := strings.Join(varyValues(h, "Cache-Control"), ", ")
	if len(v) > maxCacheControl {
		return v, false
	}
	return fieldArgsEndAtComma(v), true
}

func responseDirectives(h http.Header) *cacheobject.ResponseCacheDirectives {
	v, ok := cacheControl(h)
	var d *cacheobject.ResponseCacheDirectives
	var err error
	if ok {
		d, err = cacheobject.ParseResponseCacheControl(v)
	}
	if err != nil || d == nil {
		// A malformed Cache-Control: treat as no-store, the safe reading.
		return &cacheobject.ResponseCacheDirectives{NoStore: true, MaxAge: -1, SMaxAge: -1,
			StaleIfError: -1, StaleWhileRevalidate: -1}
	}
	return d
}

// noRequestDirectives is a request without Cache-Control.
var noRequestDirectives = cacheobject.RequestCacheDirectives{MaxAge: -1, MaxStale: -1, MinFresh: -1, StaleIfError: -1}

func requestDirectives(h http.Header) cacheobject.RequestCacheDirectives {
	v, ok := cacheControl(h)
	if v == "" && len(h["Cache-Control"]) == 0 {
		return noRequestDirectives
	}
	var d *cacheobject.RequestCacheDirectives
	var err error
	if ok {
		d, err = cacheobject.ParseRequestCacheControl(v)
	}
	if err != nil || d == nil {
		d := noRequestDirectives
		d.NoStore = true
		return d
	}
	return *d
}

// mustUnderstand reports whether the response has the must-understand
// directive, which cacheobject keeps among the extensions.
func mustUnderstand(d *cacheobject.ResponseCacheDirectives) bool {
	for _, x := range d.Extensions {
		if strings.EqualFold(x, "must-understand") {
			return true
		}
	}
	return false
}

// storable reports whether a response to a GET may be stored (RFC 9111 §3):
// in a private cache, private responses and responses to requests with
// Authorization are storable (the credential partition is in the key); a
// shared cache stores neither private responses nor, for a request with
// Authorization, anything but what §3.5 allows (public, s-maxage,
// must-revalidate).
func (c *config) storable(req *http.Request, reqDir *cacheobject.RequestCacheDirectives, resp *http.Response,
	d *cacheobject.ResponseCacheDirectives) bool {
	if reqDir.NoStore || resp.StatusCode < 200 || resp.StatusCode == http.StatusPartialContent ||
		resp.StatusCode == http.StatusNotModified {
		return false
	}
	if mustUnderstand(d) {
		// §5.2.2.3: only a cache that understands the status may store it,
		// and then no-store is to be ignored.
		if !understoodStatus(resp.StatusCode) {
			return false
		}
	} else if d.NoStore {
		return false
	}
	if c.shared {
		if d.PrivatePresent {
			return false
		}
		if hasAuthorization(req) && !(d.Public || d.SMaxAge >= 0 || d.MustRevalidate) {
			return false // §3.5
		}
	}
	if _, star := varyNames(resp.Header); star {
		return false
	}
	return d.MaxAge >= 0 || resp.Header.Get("Expires") != "" || d.Public || heuristicStatus(resp.StatusCode) ||
		(c.shared && d.SMaxAge >= 0) || (!c.shared && d.PrivatePresent)
}

// sharedAcrossUsers reports whether a response says that a shared cache
// may serve it to other users than the one whose request had it: public or
// s-maxage, which speak to shared caches, or must-revalidate for a request
// with Authorization, which RFC 9111 §3.5 gives that meaning there only,
// and then only when Authorization is the one credential the request went
// with. A must-revalidate response to a request with a cookie or an API key
// stays with its user, Authorization beside them or not: §3.5 lifts what
// Authorization forbids, it does not make a session's answer everyone's
// (a site's one Basic credential, a gateway's one token, in front of each
// user's session cookie).
func (t *Transport) sharedAcrossUsers(d *cacheobject.ResponseCacheDirectives, req *http.Request) bool {
	return d.Public || d.SMaxAge >= 0 || d.MustRevalidate && hasAuthorization(req) && t.onlyAuthorization(req)
}

// onlyAuthorization reports whether req goes with no other credential than
// its Authorization: its partition without it (and without the URL's
// userinfo, which net/http sends as Authorization) is that of a request
// without credentials.
func (t *Transport) onlyAuthorization(req *http.Request) bool {
	r := new(http.Request)
	*r = *req
	r.Header = make(http.Header, len(req.Header))
	for k, vs := range req.Header {
		if !strings.EqualFold(k, "Authorization") {
			r.Header[k] = vs
		}
	}
	if req.URL != nil && req.URL.User != nil {
		u := *req.URL
		u.User = nil
		r.URL = &u
	}
	return credential.NoCredentials(t.partition(r))
}

// hasAuthorization reports whether req carries Authorization, under any
// spelling of the name.
func hasAuthorization(req *http.Request) bool {
	return hasValue(varyValues(req.Header, "Authorization"))
}

// freshnessLifetime is RFC 9111 §4.2.1: s-maxage in a shared cache, else
// max-age, else Expires − Date, else 10% of Date − Last-Modified for a
// heuristically cacheable status, else zero.
func freshnessLifetime(h http.Header, d *cacheobject.ResponseCacheDirectives, status int, respTime time.Time, shared bool) time.Duration {
	if shared && d.SMaxAge >= 0 {
		return time.Duration(d.SMaxAge) * time.Second
	}
	if d.MaxAge >= 0 {
		return time.Duration(d.MaxAge) * time.Second
	}
	date := dateOf(h, respTime)
	if v := h.Get("Expires"); v != "" {
		exp, err := http.ParseTime(v)
		if err != nil {
			return 0 // "Expires: 0" and the like mean already expired
		}
		return max(exp.Sub(date), 0)
	}
	if v := h.Get("Last-Modified"); v != "" && heuristicStatus(status) {
		if lm, err := http.ParseTime(v); err == nil {
			return max(date.Sub(lm)/10, 0)
		}
	}
	return 0
}

// maxDelta is what a delta-seconds too large to represent, or one that
// cannot be read, counts as (RFC 9111 §1.2.2): about 68 years.
const maxDelta = 2147483648 * time.Second

// ageValue reads the Age header (RFC 9111 §5.1). A missing Age is zero. An
// Age this cache cannot trust, anything but a single field line holding one
// non-negative integer (a list such as "7200, 0", two lines, a sign, a
// fraction, a parameter), counts as maxDelta, so the response is stale and
// is revalidated before use. RFC 9111 says a cache SHOULD take the first
// member of a list (or ignore an invalid value); revalidating instead
// departs from that SHOULD but never serves a
// response older than its origin allowed, and costs one conditional request
// for a malformed header.
func ageValue(h http.Header) time.Duration {
	vs := h["Age"]
	if len(vs) == 0 {
		return 0
	}
	v := strings.Trim(vs[0], " \t")
	if len(vs) > 1 || v == "" {
		return maxDelta
	}
	var s int64
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return maxDelta
		}
		if s = s*10 + int64(c-'0'); s >= int64(maxDelta/time.Second) {
			return maxDelta
		}
	}
	return time.Duration(s) * time.Second
}

// initialAge is RFC 9111 §4.2.3's corrected_initial_age.
func initialAge(h http.Header, reqTime, respTime time.Time) time.Duration {
	apparent := max(respTime.Sub(dateOf(h, respTime)), 0)
	corrected := ageValue(h) + max(respTime.Sub(reqTime), 0)
	return min(max(apparent, corrected), maxDelta)
}

func dateOf(h http.Header, fallback time.Time) time.Time {
	if v := h.Get("Date"); v != "" {
		if t, err := http.ParseTime(v); err == nil {
			return t
		}
	}
	return fallback
}

// staleness says how an entry stands at a moment.
type staleness struct {
	age, lifetime time.Duration
	noCache       bool // no-cache: never served without revalidation
	// mustRevalidate: never served stale (must-revalidate; in a shared
	// cache also proxy-revalidate and s-maxage).
	mustRevalidate bool
	// noStale: not served stale even when the origin cannot be reached
	// (RFC 9111 §4.2.4): mustRevalidate, no-cache or proxy-revalidate.
	noStale bool
	header  http.Header // for the directives read only when stale
}

func (s staleness) fresh() bool { return s.lifetime > s.age }

// over is how long the entry has been stale (zero while fresh).
func (s staleness) over() time.Duration { return max(s.age-s.lifetime, 0) }

// ttl is RFC 9211's time to live: the freshness lifetime minus the age,
// negative once stale.
func (s staleness) ttl() time.Duration { return s.lifetime - s.age }

// within reports whether the entry is stale by at most the delta-seconds
// ds (a directive's value; -1 when absent).
func (s staleness) within(ds cacheobject.DeltaSeconds) bool {
	return ds >= 0 && s.over() <= time.Duration(ds)*time.Second
}

// dir parses the entry's directives, for the rarer decisions about stale
// entries (stale-while-revalidate, stale-if-error).
func (s staleness) dir() *cacheobject.ResponseCacheDirectives { return responseDirectives(s.header) }

// itoaSeconds formats d in whole seconds.
func itoaSeconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

// hasValue reports whether any of a header field's values is not empty.
func hasValue(vs []string) bool {
	for _, v := range vs {
		if v != "" {
			return true
		}
	}
	return false
}
