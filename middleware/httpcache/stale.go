package httpcache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// Serving stale (RFC 9111 §4.2.4). A stale entry answers instead of the
// origin in two cases:
//
//   - the origin cannot be reached: the connection was refused, reset or
//     closed before a response, the name did not resolve, or the attempt
//     timed out (a deadline below the cache, not the caller's own
//     cancellation). The cache is then "disconnected", which §4.2.4 allows,
//     however stale the entry, unless the response said must-revalidate,
//     proxy-revalidate or no-cache, or (shared cache) s-maxage, or the
//     request asked for revalidation (no-cache, max-age=0, ModeNoCache),
//     which (as the response's no-cache) a fresh entry does not answer
//     either: the failure is the answer;
//   - the revalidation failed (an error, 500, 502, 503, 504) within the
//     response's or the request's stale-if-error (RFC 5861), unless
//     must-revalidate.
//
// A fresh entry that the request's max-age or min-fresh refused answers
// such a failure as a stale one, marked the same.
//
// Such a response carries the RFC 9211 field
// "Cache-Status: taroreq; hit; ttl=<seconds>; detail=<why>", ttl being its
// remaining freshness (negative once stale, -1 for any part of the first
// second), why
// being origin-unreachable or stale-if-error (ServedStale reads it; no
// Warning field, which RFC 9111 obsoleted), and in a taroreq client the
// call's cache.hit event has the failure as Err. The backup layer above
// takes such an answer for its URL's failure: the backup URLs are tried
// first, and it answers only if none of them does, nor its fallback.

// CacheStatusName is this cache's name in the Cache-Status field.
const CacheStatusName = "taroreq"

// Reasons in the detail parameter of Cache-Status.
const (
	DetailUnreachable  = "origin-unreachable"
	DetailStaleIfError = "stale-if-error"
)

// ServedStale reports whether resp is a stale entry the cache served
// because the origin could not be reached or failed, and why (one of the
// Detail constants).
func ServedStale(resp *http.Response) (why string, ok bool) {
	if resp == nil {
		return "", false
	}
	for _, line := range resp.Header.Values("Cache-Status") {
		for _, member := range strings.Split(line, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(member), ";")
			if strings.TrimSpace(name) != CacheStatusName {
				continue
			}
			for _, p := range strings.Split(params, ";") {
				if v, found := strings.CutPrefix(strings.TrimSpace(p), "detail="); found {
					return strings.Trim(v, `"`), true
				}
			}
		}
	}
	return "", false
}

// staleError is why a stale entry answered.
type staleError struct {
	detail string        // DetailUnreachable or DetailStaleIfError
	ttl    time.Duration // freshness lifetime minus age: negative once stale
	err    error
}

func (e *staleError) Error() string { return e.detail + ": " + e.err.Error() }
func (e *staleError) Unwrap() error { return e.err }

// markStale adds the Cache-Status member of a stale answer. Its ttl is
// RFC 9211's, the remaining freshness lifetime, an sf-integer (RFC 8941):
// negative once stale, positive for a fresh entry the request refused or
// asked to revalidate, and never "-0", which "-"+seconds stale wrote for
// an entry stale by less than a second or still fresh.
func markStale(resp *http.Response, se *staleError) {
	resp.Header.Add("Cache-Status", CacheStatusName+"; hit; ttl="+ttlSeconds(se.ttl)+"; detail="+se.detail)
}

// ttlSeconds formats d in whole seconds rounded down, so that an entry
// stale by a fraction of a second says -1 (stale) rather than 0 (the
// entry's last fresh instant), and a fresh one its full seconds left.
func ttlSeconds(d time.Duration) string {
	s := d / time.Second
	if d < 0 && d%time.Second != 0 {
		s--
	}
	return strconv.FormatInt(int64(s), 10)
}

// staleAnswer returns the stale entry as the outcome of a failed
// revalidation when §4.2.4 or stale-if-error allow it, else nil.
func (t *Transport) staleAnswer(out *http.Request, lk lookup, mode Mode, resp *http.Response, err error, now time.Time) *result {
	if err == nil && !serverError(resp.StatusCode) {
		return nil
	}
	st := t.staleness(lk.entry, now)
	if err == nil {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	var se *staleError
	switch {
	case st.fresh() && (mode == ModeNoCache || st.noCache):
		// Revalidation was asked for (the request's no-cache or
		// max-age=0, ModeNoCache, the response's no-cache, which
		// RFC 9111 §5.2.2.4 says MUST NOT answer without a successful
		// one): its failure is the answer, as fetch's no-cache has it,
		// unless stale-if-error allows the entry, as it does once stale.
		if !t.errorAllowsStale(out, st) {
			return nil
		}
		se = &staleError{detail: DetailStaleIfError, ttl: st.ttl(), err: err}
	case st.fresh() && t.c.acceptable(new(requestDirectives(out.Header)), st):
		// A fresh entry the request accepts is no stale answer. One the
		// request's max-age or min-fresh refused answers its failure as a
		// stale one does (the cases below): marked, so that a backup layer
		// above tries the backups first, and a 5xx only under
		// stale-if-error, never under must-revalidate.
	case mode != ModeNoCache && !st.noStale && unreachable(out.Context(), err):
		se = &staleError{detail: DetailUnreachable, ttl: st.ttl(), err: err}
	case t.errorAllowsStale(out, st):
		se = &staleError{detail: DetailStaleIfError, ttl: st.ttl(), err: err}
	default:
		return nil
	}
	return &result{entry: lk.entry, fromCache: true, age: st.age, stale: se}
}

// errorAllowsStale reports whether the response's or the request's
// stale-if-error covers how stale the entry is (none while fresh), and
// the response does not say must-revalidate.
func (t *Transport) errorAllowsStale(req *http.Request, st staleness) bool {
	if st.mustRevalidate {
		return false
	}
	if st.within(st.dir().StaleIfError) {
		return true
	}
	if t.c.shared && st.noCache {
		// The request's stale-if-error is any client's word: in a shared
		// cache, the entry may be another user's, whose reuse the origin
		// said it validates each time (§3.5, §4.2.4, §5.2.2.4).
		return false
	}
	rd := requestDirectives(req.Header)
	return rd.StaleIfError > 0 && st.within(rd.StaleIfError)
}

func serverError(code int) bool {
	return code == 500 || code == 502 || code == 503 || code == 504
}

// unreachable reports whether err says the origin could not be reached,
// rather than that the caller gave up (ctx cancelled) or that something
// else went wrong (a bad certificate, a refused request).
func unreachable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false // every caller left: the exchange was abandoned
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, middleware.ErrUnreachable) {
		return true // an open circuit: the origin failed too often to be asked
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var dns *net.DNSError
	var op *net.OpError
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &dns) || errors.As(err, &op) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EHOSTUNREACH) ||
		errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EPIPE) || http2Broken(err)
}
