package backup

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// backupRequest copies req for a backup URL: the body rewound, the query
// data appended for GET and HEAD, credentials dropped for another origin
// (credential headers, and query data fields with a secret's name such as
// access_token).
//
// orig is the request it stands in for (standInFor): req, or the first
// request of the redirect chain req is a hop of; a hop's backup takes its
// method and body, not the GET a 301, 302 or 303 made of a PUT, or of a
// POST with an Idempotency-Key (RoundTrip lets no other POST here).
// i is the backup's place in the list, from 1.
func (t *transport) backupRequest(req, orig *http.Request, i int, raw, query string, call *middleware.Call) (*http.Request, error) {
	first := firstURL(req, call)
	if (orig.Method == http.MethodGet || orig.Method == http.MethodHead || orig.Method == "") && query != "" {
		if !t.keepCredentials {
			if b, err := url.Parse(raw); err == nil && !credential.SameOrigin(b, first) {
				query = credential.Keys(nil).WithoutSecrets(query)
			}
		}
		if call != nil && call.Settings.AttemptCheck != nil && encoders.JSONPNamedIn(raw) {
			// A JSONP call's backup that names its callback (callback=fixed)
			// is called with that name, as jsonp-retry calls it: the call's
			// callback is not added (a static script answers fixed(...)).
			query = encoders.DropJSONPParam(query)
		}
		raw = encoders.AppendQuery(raw, query)
	}
	// A '%' of its fragment (string data's "#50%") that starts no escape
	// is fetch's to keep, and never sent: no reason to refuse the URL.
	u, err := url.Parse(credential.FragmentPercents(raw))
	if err != nil {
		return nil, &URLError{URL: credential.String(raw), Err: fmt.Errorf("invalid backup URL: %s", credential.Error(err))}
	}
	if !u.IsAbs() || u.Hostname() == "" { // http://:80/x has a Host, dialed on the local machine
		return nil, &URLError{URL: credential.String(raw), Err: errors.New("invalid backup URL: not absolute (a backup URL needs a scheme and a host)")}
	}
	if orig.Body != nil && orig.Body != http.NoBody && orig.GetBody == nil {
		return nil, &URLError{URL: credential.URL(u), Err: errBodyNotReplayable{}}
	}
	cross := !credential.SameOrigin(u, first)
	strip := cross && !t.keepCredentials
	// A backup is a request of its own, not a hop of the redirect chain
	// req may be one of (its Origin, credentials and jar are the call's).
	ctx := middleware.WithoutRedirectChain(req.Context())
	// A redirect chain it starts (its answer a redirect) stands in for orig
	// too, and its hops fail over to the backups after it (standInFor).
	ctx = context.WithValue(ctx, standInKey{}, standIn{req: orig, index: i})
	switch {
	case strip:
		ctx = middleware.WithoutCredentialsMade(ctx, *u) // and a client's bottom layer strips what inner layers add
	case cross:
		ctx = middleware.WithCredentialsAcrossOrigins(ctx) // which a client's bottom layer would strip
	}
	if call == nil && middleware.BackupOf(ctx) == nil {
		// The layers below learn the URL it stands in for, as a call's
		// from its Settings (the HTTP cache invalidates it on a write).
		ctx = middleware.WithBackupOf(ctx, req.URL)
	}
	if call == nil {
		// And the URL it goes to, which a layer below may change.
		ctx = middleware.WithBackupURL(ctx, u)
	}
	r := req.Clone(ctx)
	r.URL, r.Host = u, ""
	if orig != req {
		r.Method, r.Body, r.GetBody, r.ContentLength = orig.Method, nil, orig.GetBody, orig.ContentLength
		// The headers of the body, which net/http drops from a bodiless
		// GET hop: the first request's go with its body (gzip bytes
		// without their Content-Encoding would be read as they are).
		for _, name := range [...]string{"Content-Encoding", "Content-Language", "Content-Location", "Content-Type"} {
			r.Header.Del(name)
			if vs := orig.Header.Values(name); len(vs) > 0 {
				r.Header[name] = slices.Clone(vs)
			}
		}
	}
	if r.GetBody != nil {
		if r.Body, err = r.GetBody(); err != nil {
			return nil, &URLError{URL: credential.URL(u), Err: err}
		}
	}
	var extra []string
	if call != nil {
		extra = call.Settings.CredentialHeaders
	}
	switch {
	case strip:
		credential.Strip(r.Header, t.credHeaders)
		credential.Strip(r.Header, extra)
	case !cross && req.Response != nil:
		t.restoreCredentials(r, req, orig, call, extra)
	}
	if cross && strings.EqualFold(u.Scheme, "https") {
		// Meant for a proxy of the plain http primary: through a proxy,
		// net/http writes it inside an https backup's tunnel, to that
		// origin, whatever WithCredentialsAcrossOrigins says. Under any
		// spelling of its name: net/http writes a key as the map holds it.
		for name := range r.Header {
			if strings.EqualFold(name, "Proxy-Authorization") {
				delete(r.Header, name)
			}
		}
	}
	return r, nil
}

// firstURL is the URL whose origin the call's credentials belong to: the
// call's first, not that of a redirect hop the layers run again on (a hop
// to the backup's origin must not make it "same origin"); for a plain
// http.Client, that of the first request of the redirect chain.
func firstURL(req *http.Request, call *middleware.Call) *url.URL {
	if call != nil && call.Settings.URL != nil {
		return call.Settings.URL
	}
	orig, _ := standInFor(req)
	return orig.URL
}

// standInKey is the context key of a backup's standIn.
type standInKey struct{}

// standIn is what a backup's request tells the hops of a redirect chain it
// starts: the request it stands in for, and its place in the list.
type standIn struct {
	req   *http.Request
	index int
}

// standInFor returns the request that req, or a backup of it, stands in
// for: req itself, or for a redirect hop the first request of its chain,
// or the request that chain's first (a backup whose answer was the
// redirect) stood in for, with that backup's place in the list (0 for
// none): the hop's backups are those after it, each tried once (a hop
// went through the whole list again, the backup that started the chain
// first, whose redirect led to it again, up to the redirect bound), and
// the credential headers a backup on the first origin gets back are the
// call's, not the stripped ones of a backup on another origin.
func standInFor(req *http.Request) (*http.Request, int) {
	if req.Response == nil {
		return req, 0
	}
	// The nearest backup up the chain: a backup of a hop is a clone of
	// that hop, its Response still linking to the primary's chain, so the
	// chain's first request alone would not be it.
	first := req
	for n := 0; n < maxChain && first.Response != nil && first.Response.Request != nil && first.Response.Request.URL != nil; n++ {
		first = first.Response.Request
		if s, ok := first.Context().Value(standInKey{}).(standIn); ok {
			return s.req, s.index
		}
	}
	return first, 0
}

// maxChain bounds a walk up a redirect chain (net/http stops at 10
// hops): a transport that hands back one *http.Response for two hops,
// setting its Request each time, links them in a cycle, and an unbounded
// walk spun for ever.
const maxChain = 100

// restoreCredentials gives r, a backup on the origin of the first request
// of the redirect chain req is a hop of, the credential headers of that
// first request which the hop lost (net/http and the client strip them on
// a hop to another origin, and for good): the backup is a new request of
// the call to the call's origin, as Taro's is a new fetch with the
// caller's headers, not the rest of that chain. A plain http.Client's jar
// gave a hop on another origin that origin's cookies: they are dropped for
// the first request's. A client's jar cookies are its bottom layer's to
// add, from its jar, for the backup's URL: the Cookie of a call's first
// request is the call's own, without those its jar added (callersCookie).
func (t *transport) restoreCredentials(r, req, first *http.Request, call *middleware.Call, extra []string) {
	if call == nil && !credential.SameOrigin(req.URL, r.URL) {
		r.Header.Del("Cookie")
	}
	for name, vs := range first.Header {
		if len(r.Header.Values(name)) > 0 || !credential.IsHeader(name, t.credHeaders) && !credential.IsHeader(name, extra) {
			continue
		}
		if call != nil && name == "Cookie" {
			if vs = callersCookie(first, vs); len(vs) == 0 {
				continue
			}
		}
		r.Header[name] = slices.Clone(vs)
	}
}

// callersCookie returns vs, the Cookie field of first, a client call's
// request, as the call set it: a chain's first request is the one the
// client's bottom layer sent, which joined the cookies of its jar after
// the call's own in one field, as http.Request.AddCookie writes each, and
// recorded them (middleware.SentCookies). Those are taken off: the bottom
// layer adds the jar's for the backup's URL. nil when nothing is the
// call's, or the field holds the jar's part otherwise than as that layer
// writes it; vs as it is when it holds none of it.
func callersCookie(first *http.Request, vs []string) []string {
	cs, ok := middleware.SentCookies(first)
	if !ok || len(cs) == 0 {
		return vs // the jar added nothing: the field is the call's
	}
	var jar http.Request
	jar.Header = http.Header{}
	for _, c := range cs {
		jar.AddCookie(c)
	}
	added := jar.Header.Get("Cookie")
	if len(vs) == 1 {
		if own, found := strings.CutSuffix(vs[0], "; "+added); found && own != "" {
			return []string{own}
		}
	}
	for _, v := range vs {
		if strings.Contains(v, added) {
			return nil
		}
	}
	// No jar part joined: the request of a layer above the cookie layer
	// that keeps its record (the HTTP cache hands up its own as the
	// answer's), whose field is the call's as it set it.
	return vs
}
