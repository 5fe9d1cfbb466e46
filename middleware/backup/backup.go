// Package backup fails a request over to backup URLs, in order, when the
// primary URL has failed: its retries are spent on errors or failed
// statuses (429, 5xx but 501), or DataCheck rejected its response.
//
// The retry budget is the request's and is shared: once the primary has used
// it, each backup gets one attempt (middleware.Settings.RetryPerURL gives
// each URL its own). Credential headers (Authorization, Proxy-Authorization,
// Cookie, secret-looking names such as X-Api-Key, and the names of
// middleware.Settings.CredentialHeaders or WithCredentialHeaders) are not
// sent to a backup of another origin (scheme, host and port), nor are the
// fields of the query data (BackupQuery) named like a secret (access_token,
// api_key...), unless the layer is told to. A POST, PATCH or CONNECT fails over under the retry
// layer's rule (retry.MaySendAgain): only when it surely was not sent, or is
// marked idempotent; otherwise the failed URL's answer or error stands
// (NotFailedOverError). A stale entry that an HTTP cache below served
// because its URL could not be reached or failed (httpcache.ServedStale)
// is that URL's failure: the next URLs are tried, and it answers only if
// none of them does, nor the Fallback. When every URL
// has failed, an optional Fallback may answer (the store layer serves stale
// data through it); otherwise the error joins every URL's error.
package backup

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
)

// errServedStale is a failover's cause when a URL was answered by a stale
// cache entry because it could not be reached or failed.
var errServedStale = errors.New("answered by a stale cache entry only: the URL failed")

// ErrExhausted matches the error returned when every URL failed.
var ErrExhausted = errors.New("backup: every URL failed")

// New returns a RoundTripper that fails over through base. A nil base means
// http.DefaultTransport. It is safe for concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := config{failed: retry.Failed}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return &transport{base: middleware.Base(base), config: c}
}

// Middleware is New as a middleware.Middleware.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

type transport struct {
	base http.RoundTripper
	config
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	call := middleware.CallFrom(req.Context())
	call.Visit("backup")
	backups, query := t.urls, req.URL.RawQuery
	orig, skip := standInFor(req)
	if req.Response != nil {
		// A hop's backup stands in for the first request: its query, not
		// the one a Location gave the hop (another origin's).
		query = orig.URL.RawQuery
	}
	if call != nil {
		backups, query = call.Settings.Backup, call.Settings.BackupQuery
		if middleware.PassedOn(req.Context()) {
			// Another client's call through a client's Transport(): the
			// calling client's backup layer tries them (and its fallback).
			return t.base.RoundTrip(req)
		}
	}
	if call == nil && skip >= len(backups) {
		// A plain http.Client's hop of a chain the last backup started:
		// none is left to try, so its answer or error is the response
		// obtained, as when there are none (not an ExhaustedError of its
		// URL alone, a failed answer lost). A client's call whose every
		// URL failed fails, a redirect on the way or not: it goes on.
		backups = nil
	}
	if call == nil && orig.Body != nil && orig.Body != http.NoBody && orig.GetBody == nil {
		// A plain http.Client's body that cannot be sent again (the
		// chain's first request's, for a hop) goes to no backup: the
		// primary's answer, a failed status too, is the
		// response obtained, as it is when there are no backups (else it
		// was closed for an error saying the backups could not be sent).
		backups = nil
	}
	if len(backups) == 0 && t.fallback == nil {
		return t.base.RoundTrip(req)
	}
	var errs []error
	// stale is a stale entry that an HTTP cache below answered with
	// because its URL could not be reached or failed (httpcache.ServedStale,
	// RFC 9111 4.2.4): that URL failed, so the next ones are tried first,
	// and the stale entry answers only if none of them does, nor the
	// fallback (the store's data, which may be newer).
	var stale *http.Response
	staleURL := "" // a backup's that answered with it
	for i := 0; i <= len(backups); i++ {
		r := req
		if i > 0 && i <= skip {
			continue // a hop of a chain that backup skip started: the ones up to it were tried
		}
		if i > 0 {
			var err error
			if r, err = t.backupRequest(req, orig, i, backups[i-1], query, call); err != nil {
				errs = append(errs, err)
				continue
			}
			call.ResetRetries()
			call.ClearFromCache() // the failed URL's answer may have come from a cache
			middleware.PlainAnswerFrom(req.Context()).ClearFromCache()
		}
		t.markFailsOver(call, i, len(backups), req, orig, r)
		mark := call.EventCount()
		resp, err := middleware.RoundTrip(t.base, r)
		if !t.failed(resp, err) {
			if err != nil { // the rule keeps an error as this URL's outcome: no answer, no failover
				middleware.Discard(stale)
				if i > 0 {
					err = &URLError{URL: credential.URL(r.URL), Err: err} // a backup's: say which
				}
				return nil, err
			}
			if (stale != nil || i < len(backups) || t.fallback != nil) && servedStale(resp) {
				if stale != nil {
					middleware.Discard(resp) // an earlier URL's comes first
				} else if stale = resp; i > 0 {
					staleURL = r.URL.String()
				}
				if i < len(backups) {
					call.AddEventURL(middleware.EventFailover, r.URL, errServedStale)
				}
				continue
			}
			if stale != nil {
				middleware.Discard(stale)
			}
			if i > 0 {
				call.SetAnsweredURL(r.URL.String())
				absoluteLocation(resp, r.URL)
				if call == nil {
					withoutForeignCookies(resp, req.URL, r.URL)
				}
			}
			return resp, nil
		}
		// A hop failed: the request it stands in for was answered (with
		// the redirect), so a POST of it may have been applied.
		if i > 0 && call == nil && err == nil {
			// A backup's failed answer a plain http.Client may get
			// (not failed over, or the last URL's): its jar files the
			// cookies under the URL asked for, as for a success.
			withoutForeignCookies(resp, req.URL, r.URL)
		}
		if i < len(backups) && (!retry.MaySendAgain(r, err) || i == 0 && orig != req && !retry.MaySendAgain(orig, nil)) {
			return t.notFailedOver(req, r, orig.Method, resp, err) // the request a backup stands in for, not a hop's GET
		}
		if i == len(backups) && len(backups) == 0 && err == nil {
			// No backups: the primary's failed response is still the
			// answer, unless the fallback has a better one.
			if fb, ok := t.fall(req, &ExhaustedError{Errs: []error{statusError(r, resp)}}); ok {
				middleware.Discard(resp)
				return fb, nil
			}
			return resp, nil
		}
		if err == nil && call == nil && i == len(backups) {
			// A plain http.Client: the last URL's failed answer is the
			// response obtained, which the RoundTripper contract hands on.
			errs = append(errs, statusError(r, resp))
			if fb, ok := t.fall(req, &ExhaustedError{Errs: errs}); ok {
				middleware.Discard(resp)
				return fb, nil
			}
			return resp, nil
		}
		if err == nil {
			err = statusError(r, resp)
			keepLast(call, r, resp, i == len(backups)) // reported with the error if no URL answers
		} else {
			err = &URLError{URL: credential.URL(r.URL), Err: err}
		}
		errs = append(errs, withEarlier(err.(*URLError), call, mark))
		if i < len(backups) {
			call.AddEventURL(middleware.EventFailover, r.URL, err)
		}
		if ctxErr := req.Context().Err(); ctxErr != nil {
			if stale != nil {
				middleware.Discard(stale)
			}
			last := errors.Unwrap(err) // the caller gave up: no further URL
			if call != nil && len(errs) > 1 && errors.Is(ctxErr, context.DeadlineExceeded) {
				// Its deadline came on a backup: say what the URLs
				// before it ran into. (A plain http.Client keeps the
				// context's error, which its url.Error reads as a
				// timeout.)
				return nil, &attemptsError{err: last, earlier: slices.Clip(errs[:len(errs)-1])}
			}
			return nil, last
		}
	}
	joined := &ExhaustedError{Errs: errs}
	if fb, ok := t.fall(req, joined); ok {
		// The fallback (the store's data, Taro's last resort) comes
		// before a stale cache entry: the store may hold a newer answer
		// than the cache's, one a call that skipped the cache got.
		if stale != nil {
			middleware.Discard(stale)
		}
		return fb, nil
	}
	if stale != nil {
		// No other URL answered, nor the fallback: the stale entry does,
		// as the cache's.
		call.SetFromCache()
		middleware.PlainAnswerFrom(req.Context()).SetFromCache()
		if staleURL != "" {
			call.SetAnsweredURL(staleURL)
		}
		return stale, nil
	}
	if len(backups) == 0 {
		return nil, errors.Unwrap(errs[0]) // no backups: the primary's own error
	}
	return nil, joined
}

// absoluteLocation makes the Location of a redirect a backup at u answered
// with absolute, resolved against u: the client that follows it (a plain
// http.Client, or a client's on a redirect hop it sent on through this
// layer) resolves a relative one against the URL it asked for, another
// than the backup's. The header is copied, not changed in place.
func absoluteLocation(resp *http.Response, u *url.URL) {
	loc := resp.Header.Get("Location")
	if loc == "" || resp.StatusCode < 300 || resp.StatusCode > 399 {
		return
	}
	abs, err := u.Parse(loc)
	if err != nil || abs.String() == loc {
		return // one that does not parse fails in the client, as it is
	}
	resp.Header = resp.Header.Clone()
	resp.Header.Set("Location", abs.String())
}

// withoutForeignCookies drops the Set-Cookie fields of resp, the answer of
// a backup at u to a plain http.Client's request for asked, when u is of
// another origin: the http.Client's jar files an answer's cookies under
// the URL it asked for, so the backup's session (or one it plants) would
// be sent to asked's origin on every later request. A client's call keeps
// them: its bottom layer gave its jar them for u itself. The header is
// copied, not changed in place.
func withoutForeignCookies(resp *http.Response, asked, u *url.URL) {
	if asked == nil || credential.SameOrigin(asked, u) {
		return
	}
	found := false
	for name := range resp.Header {
		if strings.EqualFold(name, "Set-Cookie") || strings.EqualFold(name, "Set-Cookie2") {
			found = true
			break
		}
	}
	if !found {
		return
	}
	resp.Header = resp.Header.Clone()
	for name := range resp.Header {
		if strings.EqualFold(name, "Set-Cookie") || strings.EqualFold(name, "Set-Cookie2") {
			delete(resp.Header, name)
		}
	}
}

// keepLast records a failed response on the call and closes its body. The
// body is kept too when a layer below has buffered it (the retry layer does
// for its last attempt) or, for the last URL (read), when it is within the
// call's bound: the error then still says what the server answered. A
// streamed call's is not read (its idle timeout would let a dripping error
// page hold the call): it is drained as any discarded body.
func keepLast(call *middleware.Call, r *http.Request, resp *http.Response, read bool) {
	_, buffered := resp.Body.(*middleware.BufferedBody)
	if call == nil || (!read || call.Settings.Streaming) && !buffered {
		call.SetLastFrom(r, resp)
		middleware.Discard(resp)
		return
	}
	if resp.Request == nil {
		resp.Request = r // BufferBody reads the method from it: a HEAD has no body
	}
	body, err := middleware.BufferBody(resp, call.Settings.BodyLimit())
	if err != nil {
		call.SetLastFrom(r, resp)
		middleware.Discard(resp)
		return
	}
	resp.Body.Close()
	call.SetLast(middleware.LastResponse{StatusCode: resp.StatusCode, Header: resp.Header, URL: r.URL.String(), Body: body})
}

// servedStale reports whether resp is a stale entry an HTTP cache served
// because its URL could not be reached or failed.
func servedStale(resp *http.Response) bool {
	if len(resp.Header["Cache-Status"]) == 0 {
		return false // most answers: no parse
	}
	_, ok := httpcache.ServedStale(resp)
	return ok
}

// fall asks the fallback, if any, to answer a request whose URLs all failed.
func (t *transport) fall(req *http.Request, err error) (*http.Response, bool) {
	if t.fallback == nil || req.Context().Err() != nil {
		// The caller gave up (cancelled, aborted, past its deadline):
		// nothing answers it, the store's data no more than a URL.
		return nil, false
	}
	resp, ok := t.fallback(req, err)
	if ok && resp == nil {
		// A Fallback that says it answered with no answer has nothing:
		// handed on, the nil answer with no error would break the
		// RoundTripper contract, and the layers above would panic on it.
		return nil, false
	}
	if ok && !middleware.FillNilBody(req, resp) {
		// Nor may its Body be nil: an empty one, as net/http's Client
		// reads a transport's; none at all when its Content-Length
		// promised bytes.
		return nil, false
	}
	if ok {
		// The fallback's answer (the store's data) is no URL's: what
		// answered the last one (an HTTP cache's entry that DataCheck
		// rejected) does not describe it. After the fallback read the
		// flag: the store's tells an only-if-cached call by it.
		middleware.CallFrom(req.Context()).ClearFromCache()
	}
	return resp, ok
}

// withEarlier returns e with the failures of the attempts on its URL
// before the last, which the retry layer recorded as it retried them
// (events after mark), unless e's error already carries them (a
// *retry.Error): a URL whose last attempt got an answer (a 503 the budget
// ran out on, a 200 DataCheck rejected) would otherwise say nothing of the
// timeouts and resets before it, and the error of a call whose every URL
// failed must say everything that failed.
func withEarlier(e *URLError, call *middleware.Call, mark int) error {
	var re *retry.Error
	if call == nil || call.EventCount() <= mark || errors.As(e.Err, &re) {
		return e
	}
	var earlier []error
	for _, ev := range call.Events()[mark:] {
		if ev.Name == middleware.EventRetry && ev.Err != nil {
			earlier = append(earlier, ev.Err)
		}
	}
	if len(earlier) == 0 {
		return e
	}
	return &URLError{URL: e.URL, Err: &attemptsError{err: e.Err, earlier: earlier}}
}
