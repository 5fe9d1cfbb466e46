package client

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// ErrCrossOrigin is a request to another origin refused by Mode
// "same-origin", or a cors redirect to a URL with credentials (user:pass@)
// that fetch refuses; the error's text says which.
var ErrCrossOrigin = errors.New("cross-origin request refused")

// sameOrigin reports whether u is of the client's origin; without a base URL
// every request is.
func sameOrigin(origin string, u *url.URL) bool {
	return origin == "" || credential.Origin(u) == origin
}

// SameOrigin reports whether rawURL, resolved as the client resolves an
// Option's URL (against WithBaseURL, spaces and controls cleaned as fetch
// cleans them), is of the base URL's origin (scheme, host and port): what
// an interceptor asks before it gives a call the API's credentials. A URL
// the client cannot resolve is not, and a client without a base URL has no
// origin for any URL to be of. It is safe for concurrent use.
func (c *Client) SameOrigin(rawURL string) bool {
	if c == nil || c.origin == "" {
		return false
	}
	u, err := c.resolve(rawURL)
	return err == nil && sameOrigin(c.origin, u)
}

// cookieLayer reads and writes the client's jar for the attempts whose
// Credentials allow it: "include" always, "same-origin" for the client's
// origin only, "omit" never. It sits at the bottom of the stack so that
// every attempt, backup and redirect is judged by its own URL.
//
// It also strips credential headers (the built-in ones and names) from a
// request to another origin than its call's first: a redirect hop, a backup,
// a background revalidation of either. checkRedirect and the backup layer
// stripped them, but a layer below them (WithInnerLayers), or any layer on
// a hop, may have set them again. The backup layer's marks say which
// backups keep them (backup.WithCredentialsAcrossOrigins) and, for a plain
// http.Client, whose backups cannot be told from first requests by their
// URL, which do not.
func cookieLayer(jar http.CookieJar, names []string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			call := middleware.CallFrom(req.Context())
			if call != nil && call.Settings.Cache != "" && onlyIfCached(call.Settings.Cache) {
				// No HTTP cache layer answered it (a client's own layers
				// may have none): only-if-cached never goes to the network.
				if req.Body != nil {
					req.Body.Close()
				}
				return nil, &middleware.NotCachedError{Detail: credential.URL(req.URL) + " (no HTTP cache layer answered it)"}
			}
			call.AddSent() // what no retry layer counted (none in the stack, a resend below it) counts here
			if credentialsForbidden(req, call) {
				req = withoutLayerCredentials(req, call, names)
			}
			req = corsOrigin(req, call)
			req = withoutDirectProxyAuthorization(next, req)
			if jar == nil || call == nil || !useJarFor(call.Settings.Credentials, call.Settings.Origin, req) {
				return roundTrip(next, req, names)
			}
			// The cookies go on record on the request sent (the answer's
			// Request): the store and the HTTP cache key the answer by them,
			// not by what the jar holds once it is back (it may have changed
			// session and back meanwhile).
			cs := jar.Cookies(req.URL)
			r := middleware.WithSentCookies(req, cs)
			if len(cs) > 0 {
				r.Header = req.Header.Clone()
				// Every Cookie value of the caller's goes first, in one
				// field (RFC 6265 §5.4), not only the first of them.
				r.Header.Set("Cookie", cookieHeader(strings.Join(req.Header.Values("Cookie"), "; "), cs))
			}
			req = r
			resp, err := roundTrip(next, req, names)
			if err == nil {
				if rc := resp.Cookies(); len(rc) > 0 {
					jar.SetCookies(req.URL, rc)
				}
			}
			return resp, err
		})
	}
}

// cookieHeader is the Cookie header that http.Request.AddCookie of each of
// cs in turn makes from a request whose Cookie header is first: first (if
// any), then each cookie's "name=value", joined with "; ". Built once, not
// by AddCookie, which copies the header built so far for each cookie: a
// jar a server filled with thousands of cookies made every request copy
// gigabytes.
func cookieHeader(first string, cs []*http.Cookie) string {
	var one http.Request
	one.Header = make(http.Header, 1)
	var b strings.Builder
	b.WriteString(first)
	for _, ck := range cs {
		delete(one.Header, "Cookie")
		one.AddCookie(ck) // its sanitizing and quoting, exactly
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(one.Header.Get("Cookie"))
	}
	return b.String()
}

// corsOrigin returns req with an Origin header naming the client's origin
// when its call's Mode is cors and req, an attempt or a redirect hop, goes
// to another origin, as fetch sends it: a copy then, else req. A
// same-origin attempt of such a call (a primary whose backup is of another
// origin) goes without one, as a same-origin GET from a page does.
//
// A hop of a chain that fetch's tainted origin flag marks (a redirect from
// another origin than the client's to yet another, the client's own
// included: see chainMark) sends "Origin: null", as fetch serializes a
// tainted origin: the client's origin is not vouched for by a URL of
// another origin's choosing.
func corsOrigin(req *http.Request, call *middleware.Call) *http.Request {
	if call == nil {
		return req
	}
	origin := middleware.SentOriginOf(req, call) // the rule the HTTP cache above keys Vary: Origin by
	if origin == "" {
		return req
	}
	r := new(http.Request)
	*r = *req
	r.Header = req.Header.Clone()
	r.Header.Set("Origin", origin)
	return r
}

// roundTrip is next.RoundTrip (the client's transport) holding the
// RoundTripper contract for every layer above: a transport that returns
// neither a response nor an error (a test fake's slip) fails the attempt
// with an error saying so, as net/http's Client does, where the layers would
// dereference the missing response. The response's Request is req, as
// net/http's transport sets it, whatever the transport set (none, or a
// request of its own making): the redirect rules read the backup layer's
// mark and the URL that answered from it (leftOrigin, useJarFor). What the
// transport's Request says it sent is noted first (noteTransportCredentials).
// A gzip or deflate body (or a list of them) the request did not ask for
// as coded is decoded, as fetch decodes it (decodedCodings).
func roundTrip(next http.RoundTripper, req *http.Request, names []string) (*http.Response, error) {
	names = watchedNames(req, names)
	print, was := credentialPrint(req, names), middleware.SendingOf(req)
	out := headAlone(req)
	resp, err := middleware.RoundTrip(next, out)
	if resp != nil {
		noteTransportCredentials(out, resp.Request, resp.Header, print, &was, names) // out, a HEAD's copy: not another request of the transport's
		if err == nil {
			resp = decodedCodings(req, resp)
		}
		resp.Request = req
	}
	if err != nil && refusedByHTTP2(err) {
		err = &headerRefusedError{err}
	}
	return unsolicitedSwitch(resp, err) // an unasked-for 101: the attempt failed
}

// refusedByHTTP2 reports whether err is net/http's HTTP/2 transport refusing
// a request's connection-specific header fields (a caller's Connection
// other than close or keep-alive, an Upgrade, a Transfer-Encoding): an
// error of the request's making, before any byte was sent, which net/http
// gives no type of its own.
func refusedByHTTP2(err error) bool {
	s := err.Error()
	for _, name := range [...]string{"Connection", "Upgrade", "Transfer-Encoding"} {
		if strings.HasPrefix(s, "http2: invalid "+name+" request header: ") {
			return true
		}
	}
	return false
}

// withoutDirectProxyAuthorization returns req without its
// Proxy-Authorization (in a copy) when next would hand it to the origin: an
// https request (through a proxy, its header goes inside the tunnel) or one
// next sends to no proxy (viaProxy). A proxy's credential is the proxy's:
// the client refuses it on such a call's first URL, and a backup (under
// backup.WithCredentialsAcrossOrigins too), a redirect hop or a layer's
// request never carries it to an origin either.
func withoutDirectProxyAuthorization(next http.RoundTripper, req *http.Request) *http.Request {
	found := false
	for name := range req.Header {
		if strings.EqualFold(name, "Proxy-Authorization") {
			found = true
			break
		}
	}
	if !found || viaProxy(next, req.URL) {
		return req
	}
	r := new(http.Request)
	*r = *req
	r.Header = req.Header.Clone()
	for name := range r.Header {
		if strings.EqualFold(name, "Proxy-Authorization") {
			delete(r.Header, name)
		}
	}
	return r
}

// viaProxy reports whether rt may send a request to u through a proxy that
// reads its Proxy-Authorization: never for https (the header goes inside
// the tunnel); for an *http.Transport, when its Proxy names an HTTP(S) one
// for u (or fails, which fails the request there); any other RoundTripper
// may.
func viaProxy(rt http.RoundTripper, u *url.URL) bool {
	if u == nil || u.Scheme == "https" {
		return false
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return true
	}
	if t.Proxy == nil {
		return false
	}
	p, err := t.Proxy(&http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}, Host: u.Host})
	// A SOCKS proxy forwards the bytes: the header would reach the origin.
	return err != nil || p != nil && (p.Scheme == "http" || p.Scheme == "https")
}

// headerRefusedError is the transport's refusal of a request's header
// (refusedByHTTP2). It matches ErrInvalidHeader, and middleware.ErrNotSent
// and ErrNoRetry: sending the same header again fails the same way, and
// nothing reached the origin, so the breaker does not count it against the
// origin (one caller's header would otherwise open the circuit for every
// caller); the next backup, which may speak HTTP/1, is tried.
type headerRefusedError struct{ err error }

func (e *headerRefusedError) Error() string { return e.err.Error() }
func (e *headerRefusedError) Unwrap() error { return e.err }
func (e *headerRefusedError) Is(target error) bool {
	return target == ErrInvalidHeader || target == middleware.ErrNotSent || target == middleware.ErrNoRetry
}

// withoutLayerCredentials returns req, bound for another origin than its
// call's first, without the credential headers, and without the secret
// query parameters (access_token, api_key …) that the URL the client made
// for it lacks: what a layer added on the way (a caller's token put in the
// query by an outer layer on every hop, by an inner layer on every
// attempt). A copy when anything goes. Nor does it keep a Referer: the
// client never sends one, and the one a plain http.Client without
// Client.CheckRedirect sets on a hop is the URL before it, query secrets
// (access_token …) included.
func withoutLayerCredentials(req *http.Request, call *middleware.Call, names []string) *http.Request {
	var q string
	if req.URL != nil && req.URL.RawQuery != "" {
		q = credential.Keys(nil).WithoutAddedSecrets(req.URL.RawQuery, madeQuery(req, call))
	}
	strip := credential.HasAny(req.Header, names) || hasReferer(req.Header)
	if !strip && (req.URL == nil || q == req.URL.RawQuery) {
		return req
	}
	r := new(http.Request)
	*r = *req
	if strip {
		r.Header = req.Header.Clone()
		credential.Strip(r.Header, names)
		for name := range r.Header {
			if strings.EqualFold(name, "Referer") {
				delete(r.Header, name)
			}
		}
	}
	if req.URL != nil && q != req.URL.RawQuery {
		u := *req.URL
		u.RawQuery = q
		r.URL = &u
	}
	return r
}

// hasReferer reports whether h holds a Referer, under any spelling of its
// name (net/http writes a key as the map holds it).
func hasReferer(h http.Header) bool {
	for name := range h {
		if strings.EqualFold(name, "Referer") {
			return true
		}
	}
	return false
}

// madeQuery is the query of the URL the client made for req: the backup URL
// the backup layer made (its mark is on the backup's requests only: the
// client follows redirects with the call's context; a request another
// client makes with that context has its own Call), the Location of the
// redirect req follows (as checkRedirect sends it), or the call's URL for
// a request to its origin; "" when none is known, so that every secret
// parameter goes. An inner layer may have changed the path or the scheme
// on the way: what the client made is still what it made.
func madeQuery(req *http.Request, call *middleware.Call) string {
	if made := middleware.MadeURL(req.Context(), call); made != nil {
		return made.RawQuery
	}
	if hop := req.Response; hop != nil {
		loc, err := url.Parse(hop.Header.Get("Location"))
		if err != nil {
			return ""
		}
		if hop.Request != nil && hop.Request.URL != nil {
			loc = hop.Request.URL.ResolveReference(loc)
		}
		return escapeQuery(loc.RawQuery)
	}
	if call != nil && call.Settings.URL != nil && credential.SameOrigin(req.URL, call.Settings.URL) {
		_, q, _ := strings.Cut(call.Settings.URLText, "?")
		q, _, _ = strings.Cut(q, "#")
		return q
	}
	return "" // sent elsewhere than anything the client made: no secret goes
}

func onlyIfCached(mode string) bool {
	m, err := httpcache.ParseMode(mode)
	return err == nil && m == httpcache.ModeOnlyIfCached
}

// useJar reports whether the Credentials mode lets a request to u use the
// jar, origin being the client's.
func useJar(mode, origin string, u *url.URL) bool {
	switch Credentials(mode) {
	case CredentialsInclude:
		return true
	case CredentialsSameOrigin:
		return sameOrigin(origin, u)
	}
	return false
}

// useJarFor is useJar for req, a request of a call: under Credentials
// same-origin, a redirect hop whose chain has been to another origin than
// the client's uses no jar, back on the client's origin too, as fetch
// includes credentials only while the response tainting is "basic" (a
// cross-origin hop makes it "cors" for the rest of the chain): another
// origin would otherwise have the client's cookies sent to a URL of its
// choosing on its origin, and what answers set some.
func useJarFor(mode, origin string, req *http.Request) bool {
	if !useJar(mode, origin, req.URL) {
		return false
	}
	if Credentials(mode) != CredentialsSameOrigin {
		return true
	}
	// checkRedirect, which every hop of a call's chain passes, read the
	// chain (its hops and what answered them) and marked the hop: the mark
	// stays whatever a layer made of req.
	return !chainOf(req.Context()).leftClient
}

// credentialsForbidden reports whether req goes to another origin than its
// call's first request without leave to carry the call's credentials, or
// is a redirect hop of a chain that left it (checkRedirect's mark).
func credentialsForbidden(req *http.Request, call *middleware.Call) bool {
	ctx := req.Context()
	if chainOf(ctx).leftFirst {
		// A hop of a chain that left the first origin, back on it too: the
		// credential headers went at the first cross-origin hop, for good.
		return true
	}
	if call != nil && call.Settings.URL != nil {
		if !credential.SameOrigin(req.URL, call.Settings.URL) {
			return !middleware.CredentialsAllowed(ctx)
		}
		// Only a request with backups looks for the backup layer's mark:
		// a walk up the context chain.
		return len(call.Settings.Backup) > 0 && middleware.CredentialsForbidden(ctx)
	}
	// A plain http.Client's request: its redirect chain leads back to the
	// first request the layers got, which the backup layer may have sent
	// elsewhere than the client's (its mark says so), the hops keeping the
	// context of the client's.
	first := req
	for first.Response != nil && first.Response.Request != nil && first.Response.Request.URL != nil {
		first = first.Response.Request
	}
	if middleware.CredentialsForbidden(ctx) || first != req && middleware.CredentialsForbidden(first.Context()) {
		return true
	}
	return !credential.SameOrigin(req.URL, first.URL) && !middleware.CredentialsAllowed(ctx)
}
