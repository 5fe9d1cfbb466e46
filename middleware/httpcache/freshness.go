package httpcache

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pquerna/cachecontrol/cacheobject"
)

// Directive parsing is pquerna/cachecontrol's (cacheobject), a maintained
// RFC 9111 parser. Its freshness computation is not used: it reads the wall
// clock, ignores Age and Date for max-age, and takes the heuristic from
// now − Last-Modified; the few lines below follow RFC 9111 §4.2 instead.

// heuristicStatus lists the status codes RFC 9110 §15.1 defines as
// heuristically cacheable.
func heuristicStatus(code int) bool {
	switch code {
	case 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501:
		return true
	}
	return false
}

func responseDirectives(h http.Header) *cacheobject.ResponseCacheDirectives {
	d, err := cacheobject.ParseResponseCacheControl(h.Get("Cache-Control"))
	if err != nil || d == nil {
		// A malformed Cache-Control: treat as no-store, the safe reading.
		return &cacheobject.ResponseCacheDirectives{NoStore: true, MaxAge: -1, SMaxAge: -1,
			StaleIfError: -1, StaleWhileRevalidate: -1}
	}
	return d
}

func requestDirectives(h http.Header) *cacheobject.RequestCacheDirectives {
	if h.Get("Cache-Control") == "" {
		return &cacheobject.RequestCacheDirectives{MaxAge: -1, MaxStale: -1, MinFresh: -1, StaleIfError: -1}
	}
	d, err := cacheobject.ParseRequestCacheControl(h.Get("Cache-Control"))
	if err != nil || d == nil {
		return &cacheobject.RequestCacheDirectives{NoStore: true, MaxAge: -1, MaxStale: -1, MinFresh: -1, StaleIfError: -1}
	}
	return d
}

// storable reports whether a response to a GET may be stored (RFC 9111 §3).
// The cache is private, so private responses and responses to requests with
// Authorization are storable (the credentials are in the key).
func storable(reqDir *cacheobject.RequestCacheDirectives, resp *http.Response, d *cacheobject.ResponseCacheDirectives) bool {
	if reqDir.NoStore || d.NoStore || resp.StatusCode == http.StatusPartialContent || resp.StatusCode < 200 {
		return false
	}
	if _, star := varyNames(resp.Header); star {
		return false
	}
	return d.MaxAge >= 0 || resp.Header.Get("Expires") != "" || d.Public || heuristicStatus(resp.StatusCode)
}

// freshnessLifetime is RFC 9111 §4.2.1 for a private cache (s-maxage
// ignored): max-age, else Expires − Date, else 10% of Date − Last-Modified
// for a heuristically cacheable status, else zero.
func freshnessLifetime(h http.Header, d *cacheobject.ResponseCacheDirectives, status int, respTime time.Time) time.Duration {
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

// currentAge is RFC 9111 §4.2.3.
func currentAge(h http.Header, reqTime, respTime, now time.Time) time.Duration {
	apparent := max(respTime.Sub(dateOf(h, respTime)), 0)
	var ageValue time.Duration
	if v := h.Get("Age"); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil && s > 0 {
			ageValue = time.Duration(s) * time.Second
		}
	}
	corrected := ageValue + max(respTime.Sub(reqTime), 0)
	return max(apparent, corrected) + max(now.Sub(respTime), 0)
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
	dir           *cacheobject.ResponseCacheDirectives
}

func (s staleness) fresh() bool { return s.lifetime > s.age }

// over is how long the entry has been stale (zero while fresh).
func (s staleness) over() time.Duration { return max(s.age-s.lifetime, 0) }

// within reports whether the entry is stale by at most the delta-seconds
// ds (a directive's value; -1 when absent).
func (s staleness) within(ds cacheobject.DeltaSeconds) bool {
	return ds >= 0 && s.over() <= time.Duration(ds)*time.Second
}
