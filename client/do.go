package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// do sends req through the stack as http.Client.Do would, redirects
// included. Most requests are not redirected: they go straight to the
// stack, without http.Client's per-request header copier, request list and
// URL clone. A redirect is followed by an http.Client whose transport hands
// back the response already received for the first hop, so every redirect
// rule (method, body, headers, CheckRedirect) is net/http's own. A first
// hop's error is the stack's as it is; a later hop's comes in
// http.Client's *url.Error (failURL takes the cause out of either).
func (c *Client) do(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		// A call its caller ended before it began is answered by
		// nothing, a store's or cache's entry included, as fetch with
		// an aborted signal rejects at once.
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	resp, err := sendOnce(c.stack, req)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return resp, nil
	}
	cleanLocation(resp)
	if ru := resp.Request; ru != nil && ru.URL != nil && ru.URL != req.URL && *ru.URL != *req.URL {
		// Another URL answered (a backup): its Location is relative to that
		// URL, not to the first request's, which http.Client would take.
		if loc := resp.Header.Get("Location"); loc != "" {
			if u, err := ru.URL.Parse(loc); err == nil {
				resp.Header.Set("Location", u.String())
			}
		}
	}
	if !keepMethod(req, resp) {
		resp.Body.Close()
		return nil, &redirectError{errRedirectBody}
	}
	f := &firstHop{resp: resp, next: c.stack}
	hc := &http.Client{Transport: f, CheckRedirect: c.checkRedirect}
	resp, err = hc.Do(req)
	if err != nil && f.err == nil {
		// http.Client's own failure, not a hop's (a hop that fails ends
		// the chain at once, f.err set): a redirect refused (too many,
		// another origin) or a Location that does not parse.
		if resp != nil {
			resp.Body.Close() // closed already, as http.Client documents
		}
		return nil, &redirectError{err}
	}
	return resp, err
}

// redirectError is a redirect that failed in http.Client itself: a
// browser's network error, which shows no response.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// firstHop answers its first round trip with the response already received
// for it, and sends every later one through next, keeping the last error
// next returned (to tell a hop's failure from http.Client's own).
type firstHop struct {
	resp *http.Response
	next http.RoundTripper
	err  error
}

func (f *firstHop) RoundTrip(req *http.Request) (*http.Response, error) {
	if resp := f.resp; resp != nil {
		f.resp = nil
		return resp, nil
	}
	// The hop as the redirect policy made it, before any layer: the store
	// keys it apart if a layer above changes its URL (Call.SetHopURL). A
	// call the store does not see keeps no copy.
	if call := middleware.CallFrom(req.Context()); call != nil && call.Settings.UseStore {
		call.SetHopURL(req.URL)
	}
	resp, err := f.next.RoundTrip(req)
	f.err = err
	if err == nil {
		cleanLocation(resp)
	}
	if err == nil && !keepMethod(req, resp) {
		resp.Body.Close()
		resp, err = nil, errRedirectBody
		f.err = err
	}
	return resp, err
}

// errRedirectBody is a redirect that keeps the method of a request whose
// body cannot be sent again: fetch's network error.
var errRedirectBody = errors.New("redirect: the request's body cannot be sent again (a stream too large to keep, see WithMaxRequestBuffer)")

// keepMethod applies fetch's rule of the method to a redirect that
// http.Client will follow: only a POST after a 301 or 302, and any method
// but GET and HEAD after a 303, becomes a GET without a body; every other
// redirect sends the method and the body again. net/http turns every
// method but HEAD into a GET after a 301 or 302: such an answer is handed
// to it as a 307, which keeps both. It reports false for a body that
// cannot be sent again (no GetBody) and any redirect but a 303: fetch fails
// it, a POST's 301 or 302 included, where net/http would send a GET without
// the body, or hand back a 307 as the answer.
func keepMethod(req *http.Request, resp *http.Response) bool {
	code := resp.StatusCode
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return true
	}
	if resp.Header.Get("Location") == "" {
		return true // http.Client hands it back: no redirect
	}
	if code != http.StatusSeeOther && req.GetBody == nil && req.Body != nil && req.Body != http.NoBody {
		// fetch checks this before it turns a POST into a GET: a body
		// whose source is gone fails any redirect but a 303.
		return false
	}
	switch {
	case code == http.StatusSeeOther && req.Method != http.MethodHead,
		(code == http.StatusMovedPermanently || code == http.StatusFound) && (req.Method == http.MethodPost || req.Method == http.MethodGet || req.Method == ""):
		return true // a GET without a body, as net/http makes it too
	}
	if code == http.StatusMovedPermanently || code == http.StatusFound {
		resp.StatusCode, resp.Status = http.StatusTemporaryRedirect, "307 Temporary Redirect"
	}
	return true
}

// sendOnce is net/http's send for a client without a Timeout: userinfo
// becomes Basic authorization, and a RoundTripper that breaks its contract
// gets net/http's answers.
func sendOnce(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	if u := req.URL.User; u != nil && req.Header.Get("Authorization") == "" {
		r := new(http.Request)
		*r = *req
		r.Header = req.Header.Clone()
		if r.Header == nil {
			r.Header = make(http.Header)
		}
		r.Header.Set("Authorization", credential.BasicAuthorization(u))
		req = r
	}
	resp, err := middleware.RoundTrip(rt, req)
	if err != nil {
		// net/http's test is on the transport's error itself; here the
		// stack's layers have wrapped it (an attempt's, a backup's).
		if tlsErr := (tls.RecordHeaderError{}); errors.As(err, &tlsErr) && string(tlsErr.RecordHeader[:]) == "HTTP/" {
			if _, bare := err.(tls.RecordHeaderError); bare {
				err = http.ErrSchemeMismatch
			} else {
				err = fmt.Errorf("%w: %w", http.ErrSchemeMismatch, err)
			}
		}
		return nil, err
	}
	return resp, nil
}

// cleanLocation takes the first steps of fetch's URL parser on resp's
// Location, as on an Option URL (CleanURL): an ASCII tab (or newline) in
// it is removed, where http.Client's url.Parse refused it and failed the
// redirect, its backslashes before the query are slashes
// (backslashesAsSlashes: \a\b is /a/b), a scheme without "//" read as
// against the URL that answered (specialSlashes: http:/x is that origin's
// /x, https:/h/x under http is https://h/x; not with an '@' before the
// query), its host's percent-escapes are
// decoded (decodeHostText: http://ex%61mple.com/ is example.com), which
// url.Parse refuses below 0x80, and its escaped dot segments made dots
// (escapedDotSegments: /a/%2e%2e/x is /x once resolved), and its host is
// written as fetch writes it (canonicalLocationHost). A Location without
// any of these is left as it is; one whose host fetch refuses too
// is left for url.Parse or checkRedirect to refuse.
func cleanLocation(resp *http.Response) {
	loc := resp.Header.Get("Location")
	clean := loc
	if strings.ContainsAny(clean, "\t\n\r") {
		clean = CleanURL(clean)
	}
	base, scheme := (*url.URL)(nil), "http" // the URL that answered, which the Location is read against
	if resp.Request != nil && resp.Request.URL != nil {
		base, scheme = resp.Request.URL, strings.ToLower(resp.Request.URL.Scheme)
	}
	clean = backslashesAsSlashes(clean) // \a\b is /a/b, as fetch reads it
	if head, _, _ := strings.Cut(clean, "?"); !strings.Contains(head, "@") {
		// http:/x is the answering origin's /x; but not with an '@', a
		// userinfo's maybe (http:/alice:pw@h/x): fetch would send its
		// text, a password, as a path and the error texts quote it, as
		// backslashesAsSlashes leaves one.
		if rel := specialSlashesAgainst(clean, base); rel != clean {
			clean = rel
			if base != nil && (strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "./")) {
				// A path of base's origin made absolute: a backup's
				// answer to a hop is followed from the hop's URL, which
				// http.Client reads a relative one against (the first
				// URL's origin). (A path takes nothing of base's query.)
				if u, err := base.Parse(rel); err == nil {
					clean = u.String()
				}
			}
		}
	}
	if decoded, err := decodeHostText(clean); err == nil {
		clean = decoded
	}
	clean = canonicalLocationHost(clean, scheme)                   // one origin, one spelling: see there
	clean = credential.FragmentPercents(escapedDotSegments(clean)) // "#50%": fetch keeps it
	if clean != loc {
		resp.Header.Set("Location", clean)
	}
}
