package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// maxRedirects bounds a redirect chain as fetch does: 20 redirects are
// followed, the 21st is refused (net/http's default refuses the 10th).
const maxRedirects = 20

// ErrTooManyRedirects ends a request whose redirect chain is longer than
// 20, as fetch bounds it.
var ErrTooManyRedirects = errors.New("too many redirects")

// WithCredentialHeaders adds header names to the credential set. On top of
// Authorization, Proxy-Authorization, Cookie and secret-looking names
// (X-Api-Key, X-Auth-Token, X-Client-Secret...), these are never sent to
// another origin by a redirect or a backup, are part of the credential
// partition of the store and the HTTP cache, and are redacted wherever the
// client writes headers. A client over this client's Transport() counts
// them too. Space around a name is trimmed, an empty name skipped and a
// list given as one name ("X-Tenant, X-Shard") split at its commas (a
// configuration value); a name that is no header name even so (a space,
// CR or LF inside) makes every call fail with ErrInvalidOption.
func WithCredentialHeaders(names ...string) ClientOption {
	return func(s *settings) { s.credHeaders = append(s.credHeaders, credential.TrimNames(names)...) }
}

// WithPartitionKey sets the key of the credential partition: the keyed hash
// of a request's credentials that the store and the HTTP cache put in their
// keys. The default is random per client, so entries of credentialed
// requests are private to one process; replicas that share a store (Redis)
// or a snapshot that must survive a restart need one key they all use.
// Entries of requests without credentials are shared by every client but
// those given a key: clients given different keys (users told apart by
// their connection alone) share none of them. A client without a key whose
// transport is an *http.Transport with a TLS client certificate draws a
// random one of its own: it shares none of them either; one over another
// client's Transport() takes that client's, when it has one.
// An empty or nil key is the default. Keep it secret, as you would a
// session key.
func WithPartitionKey(key []byte) ClientOption {
	return func(s *settings) { s.partitionKey = append([]byte(nil), key...) }
}

// partition is middleware.Settings.Partition: the credential partition of
// req, with the cookies the jar will attach to it under the request's
// Credentials mode, and without the credential headers the bottom layer
// will strip from it (a layer's, on a request to another origin than the
// call's first or a hop of a chain that left it): the answer is not theirs,
// and kept under them it would answer their next request.
func (c *Client) partition(req *http.Request) string {
	var mode string
	call := middleware.CallFrom(req.Context())
	if call != nil {
		mode = call.Settings.Credentials
	}
	var cookies []*http.Cookie
	if sent, ok := middleware.SentCookies(req); ok {
		cookies = sent // what the jar attached as req went out (see cookieLayer)
	} else if c.jar != nil && useJarFor(mode, c.origin, req) {
		cookies = c.jar.Cookies(req.URL)
	}
	// Through another client's Transport (this client's transport), that
	// client's key, when it has one, partitions the call in its layers,
	// beside this client's own when given, and its credential names count
	// there too.
	th := credential.ThroughFrom(req.Context())
	if th == nil {
		return c.partitioner.Of(c.sentHeader(req, call), cookies, c.credHeaders)
	}
	names, h := slices.Concat(c.credHeaders, th.Names()), c.sentHeader(req, call)
	through, ok := th.Partition(h, cookies, names)
	switch {
	case !ok:
		return c.partitioner.Of(h, cookies, names)
	case c.partitioner.None() == "":
		return through
	}
	return through + c.partitioner.Of(h, cookies, names)
}

// sentHeader is req's header as the bottom layer sends it, as far as
// credentials go: without the credential headers it strips (see
// partition); req's own, not a copy, when it strips none.
func (c *Client) sentHeader(req *http.Request, call *middleware.Call) http.Header {
	h := req.Header
	if credential.HasAny(h, c.credHeaders) && credentialsForbidden(req, call) {
		h = h.Clone()
		credential.Strip(h, c.credHeaders)
	}
	return h
}

// plainSentHeader is sentHeader for a request that carries no Call (a
// plain http.Client's over Transport): the store and HTTP cache layers the
// client builds make the partition of such a request from it
// (store.WithPartitionHeader, httpcache.WithPartitionHeader), with their own
// key and names.
func (c *Client) plainSentHeader(req *http.Request) http.Header {
	return c.sentHeader(req, nil)
}

// buildPartition is the partition of the request opt makes to u with
// header h, before it exists (the store key is made with the request).
func (c *Client) buildPartition(opt *Option, u *url.URL, h http.Header) string {
	// The userinfo goes as Authorization (sendOnce): counted here, the key's
	// hash of the URL (which holds it) is not all that tells its users apart.
	return c.partitioner.Of(credential.WithUserinfo(h, u), c.jarCookies(string(credentials(opt)), u), c.credHeaders)
}

// jarCookies returns the cookies the cookie layer will attach to a request
// to u under the Credentials mode.
func (c *Client) jarCookies(mode string, u *url.URL) []*http.Cookie {
	if c.jar == nil || !useJar(mode, c.origin, u) {
		return nil
	}
	return c.jar.Cookies(u)
}

// CheckRedirect is the client's redirect policy, for a plain http.Client
// over its Transport, which otherwise follows net/http's (a Referer on
// every hop; the client's bottom layer still keeps the credential headers,
// the WithCredentialHeaders names and the Referer from another origin than
// the first request's):
//
//	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
//
// No Referer is sent, at most 20 redirects are followed, a redirect to
// another origin than the first request's carries no credential header, and
// the query of a Location goes out as a browser sends it (a space escaped).
// A nil or zero Client's stops every redirect with an error matching
// ErrInvalidOption, as its other calls fail; a nil request, one without a
// URL, or an empty via (none an http.Client passes) with one matching
// middleware.ErrInvalidRequest.
func (c *Client) CheckRedirect(req *http.Request, via []*http.Request) error {
	if err := middleware.CheckRequest(req); err != nil {
		return err
	}
	// An http.Client's via holds at least the first request: a caller's
	// own CheckRedirect may pass anything.
	if i := slices.IndexFunc(via, func(r *http.Request) bool { return r == nil || r.URL == nil }); i >= 0 || len(via) == 0 {
		return fmt.Errorf("%w: CheckRedirect's via is empty or holds a request without a URL", middleware.ErrInvalidRequest)
	}
	if err := c.unusable(req.Context()); err != nil {
		return err
	}
	return c.checkRedirect(req, via)
}

// checkRedirect applies the credential rules to a redirect: Referer is
// never sent; a redirect to another origin than the first request's carries
// no credential header; under Mode same-origin a redirect away from the
// client's origin is refused (fetch's network error; a client without a
// base URL has no origin, so every request is same-origin, as the spec
// says); the chain is bounded.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	for name := range req.Header {
		if strings.EqualFold(name, "Referer") {
			delete(req.Header, name) // any spelling: net/http copies a plain caller's as it is
		}
	}
	// A Location's query goes out as a browser sends it.
	req.URL.RawQuery = escapeQuery(req.URL.RawQuery)
	if len(via) > maxRedirects { // via holds the first request and every redirect followed
		return fmt.Errorf("%w: stopped after %d redirects", ErrTooManyRedirects, maxRedirects)
	}
	// fetch fails a Location that is not an http(s) URL (or does not
	// parse, a port past 65535) at once, as Option.URL is refused: the
	// hop is not dialed, nor retried as a transport error.
	u := *req.URL
	if _, err := checkAbsolute(&u, req.URL.String()); err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	if u.Host != req.URL.Host { // written as fetch writes it (canonicalHost)
		if req.Host == req.URL.Host {
			req.Host = u.Host
		}
		req.URL.Host = u.Host
	}
	call := middleware.CallFrom(req.Context())
	if call != nil && Mode(call.Settings.Mode) == ModeNoCORS && !sameOrigin(call.Settings.Origin, req.URL) {
		// fetch's response tainting: once a no-cors request has left the
		// client's origin, what answers it is opaque, status and URL too.
		call.SetTainted()
	}
	// The client's bottom layer strips what layers add to such a hop again
	// (see cookieLayer). A chain that has left the first origin has lost its
	// credential headers for good, as fetch deletes them at the first
	// cross-origin hop: another origin redirecting back would otherwise
	// have them sent to a URL of its choosing on the first. A backup of
	// another origin that answered with the redirect counts as such a hop.
	left := !credential.SameOrigin(req.URL, via[0].URL) || leftOrigin(req, via)
	markChain(req, call, left, via)
	if includesCredentials(req.URL) && call != nil && Mode(call.Settings.Mode) == ModeCORS &&
		(!sameOrigin(call.Settings.Origin, req.URL) || chainOf(req.Context()).leftClient) {
		// fetch, HTTP-redirect fetch steps 8 and 9: a cors request
		// redirected to a URL that carries credentials (user:pass@) is a
		// network error when that URL is of another origin than the
		// client's, or the chain has been to one (its response tainting
		// is cors).
		return fmt.Errorf("%w by mode cors: redirect to %s carries credentials in its URL, which fetch refuses",
			ErrCrossOrigin, credential.URL(req.URL))
	}
	if !left {
		return nil
	}
	if call != nil && Mode(call.Settings.Mode) == ModeSameOrigin && !sameOrigin(call.Settings.Origin, req.URL) {
		return fmt.Errorf("%w by mode same-origin: redirect to %s is not of %s (set Mode: client.ModeCORS to follow it)",
			ErrCrossOrigin, credential.URL(req.URL), call.Settings.Origin)
	}
	credential.Strip(req.Header, c.credHeaders)
	return nil
}

// includesCredentials reports whether u includes credentials as fetch's
// URL standard has it: a username or a password that is not empty
// ("http://@host/" and "http://:@host/" include none).
func includesCredentials(u *url.URL) bool {
	if u.User == nil {
		return false
	}
	p, _ := u.User.Password()
	return u.User.Username() != "" || p != ""
}

// leftOrigin reports whether the redirect chain via, req its next hop, went
// to another origin than its first request's: a hop of it, or a backup of
// another origin that answered one of its requests with the redirect (the
// backup layer's mark on the request that got it: the URL a layer below
// sent it to may be spelled otherwise), whose Location may point back at
// the first origin.
func leftOrigin(req *http.Request, via []*http.Request) bool {
	away := func(r *http.Request) bool {
		if r.URL != nil && !credential.SameOrigin(r.URL, via[0].URL) {
			return true
		}
		prev := r.Response
		if prev == nil || prev.Request == nil {
			return false
		}
		ctx := prev.Request.Context()
		return middleware.CredentialsForbidden(ctx) || middleware.CredentialsAllowed(ctx)
	}
	for _, r := range via[1:] {
		if away(r) {
			return true
		}
	}
	return away(req)
}

type chainKey struct{}

// chainMark is what checkRedirect found of a redirect chain before the hop
// whose context carries it, for the layers below, which may see the hop
// as a layer rebuilt it (without its Response, whose Request the chain is
// read from): the chain left its first origin (its credential headers are
// gone for good: the bottom layer strips those a layer sets again), or
// the client's (Credentials same-origin uses no jar for the rest of it:
// fetch's response tainting).
//
// tainted is fetch's tainted origin flag: a redirect of the chain came from
// another origin than the client's and led to another origin than its own
// (HTTP-redirect fetch step 13); the client's origin is then no more
// vouched for, and a cors hop's Origin is "null" (see corsOrigin).
type chainMark struct{ leftFirst, leftClient, tainted bool }

// markChain puts on req, a hop of the chain via, the context mark of what
// the chain did (chainMark), when it did anything.
func markChain(req *http.Request, call *middleware.Call, leftFirst bool, via []*http.Request) {
	leftClient := false
	if call != nil && call.Settings.Origin != "" {
		for _, r := range via {
			if r.URL != nil && !sameOrigin(call.Settings.Origin, r.URL) || !answeredWithin(call.Settings.Origin, r) {
				leftClient = true
				break
			}
		}
		leftClient = leftClient || !answeredWithin(call.Settings.Origin, req)
	}
	tainted := false
	if leftClient {
		for i, r := range append(via[1:len(via):len(via)], req) {
			if taints(call.Settings.Origin, r, via[i]) {
				tainted = true
				break
			}
		}
	}
	if leftFirst || leftClient {
		// The hop is the http.Client's own, made for this redirect: its
		// context is replaced in place, as its header and URL are changed.
		ctx := context.WithValue(req.Context(), chainKey{}, chainMark{leftFirst: leftFirst, leftClient: leftClient, tainted: tainted})
		if tainted {
			ctx = middleware.WithTaintedOrigin(ctx) // for the layers' SentOrigin
		}
		*req = *req.WithContext(ctx)
	}
}

// taints reports whether the redirect to hop r, which prev was sent for,
// sets fetch's tainted origin flag: it came from a URL of another origin
// than the client's (the URL that answered prev: a backup's, maybe) and
// leads to another origin than that URL's.
func taints(origin string, r, prev *http.Request) bool {
	from := prev.URL
	if resp := r.Response; resp != nil && resp.Request != nil && resp.Request.URL != nil {
		from = resp.Request.URL
	}
	return from != nil && r.URL != nil && !sameOrigin(origin, from) && !credential.SameOrigin(from, r.URL)
}

// answeredWithin reports whether the request that got r's Response (the
// redirect r follows), as the transport was sent it, was of origin.
func answeredWithin(origin string, r *http.Request) bool {
	prev := r.Response
	if prev == nil || prev.Request == nil || prev.Request.URL == nil {
		return true
	}
	return sameOrigin(origin, prev.Request.URL)
}

// chainOf returns the chainMark of the hop with ctx (zero for a request
// that is no hop, or one whose chain stayed on its origins, or a backup
// sent for a hop: middleware.WithoutRedirectChain).
func chainOf(ctx context.Context) chainMark {
	m, ok := ctx.Value(chainKey{}).(chainMark)
	if ok && middleware.OutsideRedirectChain(ctx) {
		return chainMark{}
	}
	return m
}

// CredentialHeaders returns the names a client added to the credential
// headers with WithCredentialHeaders, from the context it hands its
// interceptors (or its layers a request: they are
// middleware.CredentialHeaderNames): an interceptor that writes headers out
// (a log) redacts them too. Nil elsewhere, or for a client that added none.
// The slice is a copy the caller owns: writing to it or appending to it
// changes neither the client's names nor another request's.
func CredentialHeaders(ctx context.Context) []string {
	return slices.Clone(middleware.CredentialHeaderNames(ctx))
}
