package middleware

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// Personal reports whether a response header field is meant for the one
// client that got it: a Set-Cookie hands a session over, and so does a
// field named like a credential (X-Session-Token, X-Auth-Token: how
// mini-program servers, which cannot count on cookies, hand out theirs)
// or holding a cookie under another name (X-Amzn-Remapped-Set-Cookie),
// but for the standard fields that only name a scheme or a policy
// (WWW-Authenticate, Access-Control-Allow-Credentials, Signature …).
// Stores and caches hand the response that carried it to its caller whole,
// and keep copies without it (Impersonal), so that a stored answer never
// replays one caller's session to the next caller it serves.
func Personal(name string) bool {
	if len(name) == 10 || len(name) == 11 {
		if strings.EqualFold(name, "Set-Cookie") || strings.EqualFold(name, "Set-Cookie2") {
			return true
		}
	}
	return !credential.PlainHeader(name) && (credential.SecretName(name) && !namesNoSecret(name) || credential.IsCookieHeader(name))
}

// namesNoSecret reports whether name is a standard response field that
// SecretName matches but that carries nothing of a caller's.
func namesNoSecret(name string) bool {
	for _, n := range [...]string{"WWW-Authenticate", "Proxy-Authenticate", "Access-Control-Allow-Credentials",
		"Signature", "Signature-Input", "Accept-Signature", "Content-Signature",
		"Surrogate-Key", "Xkey", "Key", "Public-Key-Pins", "Public-Key-Pins-Report-Only", "Sec-WebSocket-Accept"} {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// HandsCookie reports whether a response with header h to a plain
// http.Client's request (one without Settings) hands its jar a cookie: the
// Set-Cookie that http.Response.Cookies reads, which the http.Client's jar,
// if it has one, takes once the request returns. Such an answer is that
// new session's (a page with its CSRF token, its cart), as a client's
// answer is when its jar took a cookie while the request was under way:
// stores and caches do not write it under the partition of the cookies the
// request went out with. One the origin says is public (Cache-Control:
// public) is everyone's, its Set-Cookie aside.
func HandsCookie(h http.Header) bool {
	return len(h["Set-Cookie"]) > 0 && !public(h)
}

// HandsSession reports whether a response with header h hands its caller
// a session: a Set-Cookie, or another Personal field (X-Session-Token,
// X-Auth-Token: how servers that cannot count on cookies hand one out).
// Such an answer to a caller without credentials is that new session's (a
// page with its CSRF token, its cart): stores and caches do not write it
// under the partition that every caller without credentials shares. One
// the origin says is public is everyone's, its Personal fields aside.
func HandsSession(h http.Header) bool { return HandsSessionWith(h, nil) }

// HandsSessionWith is HandsSession, a field of names (the caller's
// WithCredentialHeaders, as CredentialNamesWith gives them) counting as
// Personal: a workspace token the origin hands out in the field the
// caller sends it back in.
func HandsSessionWith(h http.Header, names []string) bool {
	for k := range h {
		if personalWith(k, names) && !authExchangeField(k) {
			return !public(h)
		}
	}
	return false
}

// personalWith reports whether name is Personal or, in any spelling, one of
// names: a header a caller names as holding its credentials holds them in
// an answer too.
func personalWith(name string, names []string) bool {
	if Personal(name) {
		return true
	}
	for _, n := range names {
		if len(n) == len(name) && strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// TrailerHandsSession reports whether resp, its body read to its end,
// hands its caller a session in its trailer as HandsSession's fields do in
// a header (a Set-Cookie or X-Session-Token sent after the body), its
// header not saying public. Such an answer to a caller without credentials
// is that session's too; the trailer comes only with the body's end, so
// the layers that write answers ask once they have read it.
// names are as HandsSessionWith's.
func TrailerHandsSession(resp *http.Response, names []string) bool {
	return len(resp.Trailer) > 0 && HandsSessionWith(resp.Trailer, names) && !public(resp.Header)
}

// authExchangeField reports whether name is a standard field of an
// authentication exchange (RFC 9110 §11.6, §11.7) that a response may
// carry: Personal, so never replayed, but no session handed out (what a
// proxy or an origin says of the request's own credentials), and its
// answer is kept as any other.
func authExchangeField(name string) bool {
	for _, n := range [...]string{"Authorization", "Proxy-Authorization", "Authentication-Info", "Proxy-Authentication-Info"} {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// public reports whether h's Cache-Control says public: a directive of its
// own, not a word of another's quoted argument (private="a, public"), and in
// a field whose quotes close (else the safe reading: not public).
func public(h http.Header) bool {
	found, malformed := HasDirective(h.Values("Cache-Control"), "public")
	return found && !malformed
}

// Impersonal returns h without its Personal fields: h itself when it has
// none, else a copy that shares the other fields' values.
func Impersonal(h http.Header) http.Header { return ImpersonalWith(h, nil) }

// ImpersonalWith is Impersonal, the fields of names (in any spelling: the
// caller's WithCredentialHeaders) left out too.
func ImpersonalWith(h http.Header, names []string) http.Header {
	for k := range h {
		if personalWith(k, names) {
			out := make(http.Header, len(h))
			for k, vs := range h {
				if !personalWith(k, names) {
					out[k] = vs
				}
			}
			return out
		}
	}
	return h
}

// ImpersonalClone is Impersonal(h.Clone()) in one pass over h: a copy of h,
// its values copied too, without its Personal fields. A store hands one to
// every caller its entry answers, which may change it.
func ImpersonalClone(h http.Header) http.Header { return ImpersonalCloneWith(h, nil) }

// ImpersonalCloneWith is ImpersonalClone, the fields of names (in any
// spelling) left out too.
func ImpersonalCloneWith(h http.Header, names []string) http.Header {
	out, _ := ImpersonalCloneAndValues(h, names, "")
	return out
}

// ImpersonalCloneAndValues is ImpersonalCloneWith(h, names) and
// FieldValues(h, name) (of h: a Personal field's too) found in the
// clone's walks over h, which FieldValues would walk once more (a store
// hit asks both of its entry); "" asks no values.
func ImpersonalCloneAndValues(h http.Header, names []string, name string) (http.Header, []string) {
	if h == nil {
		return nil, nil
	}
	values, personal := 0, 0
	var other []string // name's other spellings, as FieldValues finds them
	for k, vs := range h {
		if len(k) == len(name) && k != name && name != "" && strings.EqualFold(k, name) {
			other = append(other, k)
		}
		if personalWith(k, names) {
			personal++
		} else {
			values += len(vs)
		}
	}
	out := make(http.Header, len(h)-personal)
	all := make([]string, values)
	for k, vs := range h {
		switch {
		case personal > 0 && personalWith(k, names):
		case vs == nil:
			out[k] = nil // as Clone keeps it
		default:
			n := copy(all, vs)
			out[k], all = all[:n:n], all[n:]
		}
	}
	if name == "" {
		return out, nil
	}
	return out, spellingsValues(h, name, other)
}

type credentialsMarkKey struct{}

// A credentialsMark is what a layer said of the credentials of a request
// to another origin than its call's first (see WithoutCredentials).
type credentialsMark int

const (
	credentialsForbidden credentialsMark = iota + 1
	credentialsAllowed
)

// WithoutCredentials marks ctx for a request that must carry no credential
// header (a backup on another origin): a client's bottom layer strips them
// from it, whatever a layer below the marking one (WithInnerLayers) set
// again. A plain http.Client has no such bottom layer.
func WithoutCredentials(ctx context.Context) context.Context {
	return context.WithValue(ctx, credentialsMarkKey{}, credentialsForbidden)
}

type madeURLKey struct{}

// madeURL is what WithoutCredentialsMade records: the URL, and the Call of
// the request it was made for.
type madeURL struct {
	url  url.URL
	call *Call
}

// WithoutCredentialsMade is WithoutCredentials for a request the marking
// layer made with the URL made (a backup's, copied): a client's bottom
// layer also drops from it the secret query parameters (access_token,
// api_key …) that made lacks, which a layer below added.
func WithoutCredentialsMade(ctx context.Context, made url.URL) context.Context {
	return context.WithValue(WithoutCredentials(ctx), madeURLKey{}, &madeURL{url: made, call: CallFrom(ctx)})
}

// MadeURL returns the URL WithoutCredentialsMade recorded in ctx for a
// request of call (nil for a plain http.Client's), or nil: a request made
// with ctx by someone else (a layer's own call with another client, whose
// Call is another) does not inherit it. It must not be changed.
func MadeURL(ctx context.Context, call *Call) *url.URL {
	m, _ := ctx.Value(madeURLKey{}).(*madeURL)
	if m == nil || m.call != call {
		return nil
	}
	return &m.url
}

// WithCredentialsAcrossOrigins marks ctx for a request to another origin
// than its call's first that may carry the call's credentials all the same
// (a backup under backup.WithCredentialsAcrossOrigins): a client's bottom
// layer, which strips them from any other such request, leaves them.
func WithCredentialsAcrossOrigins(ctx context.Context) context.Context {
	return context.WithValue(ctx, credentialsMarkKey{}, credentialsAllowed)
}

// CredentialsForbidden reports whether ctx was marked by WithoutCredentials.
func CredentialsForbidden(ctx context.Context) bool {
	v, _ := ctx.Value(credentialsMarkKey{}).(credentialsMark)
	return v == credentialsForbidden
}

// CredentialsAllowed reports whether ctx was marked by
// WithCredentialsAcrossOrigins.
func CredentialsAllowed(ctx context.Context) bool {
	v, _ := ctx.Value(credentialsMarkKey{}).(credentialsMark)
	return v == credentialsAllowed
}

type credentialNamesKey struct{}

// clientCredentials is what a client's Transport gives a request that
// carries no Call.
type clientCredentials struct {
	names []string
	sent  func(*http.Request) http.Header
}

// WithCredentialHeaderNames gives a request that carries no Call (one a
// plain http.Client sends through a client's Transport) the names of the
// headers that hold credentials besides the built-in ones: the client's
// Transport adds its WithCredentialHeaders names so, for the layers that
// redact or strip them (logs, recordings, backups) and for the store and
// HTTP cache layers, which count them in the credential partition.
func WithCredentialHeaderNames(ctx context.Context, names []string) context.Context {
	return WithClientCredentials(ctx, names, nil)
}

// WithClientCredentials is WithCredentialHeaderNames, with sent besides:
// the header a request goes out with, as far as credentials go, from the
// client's bottom layer (which strips the credential headers of a redirect
// hop to another origin, an outer layer's token set again on every hop).
// A client's Transport gives both to a plain http.Client's requests; the
// store and HTTP cache layers make their partition from SentHeader, so
// that a hop's answer is not kept under a token it went without, whoever
// built the layers. A nil sent means the request's own header.
func WithClientCredentials(ctx context.Context, names []string, sent func(*http.Request) http.Header) context.Context {
	return context.WithValue(ctx, credentialNamesKey{}, clientCredentials{names: names, sent: sent})
}

// CredentialHeaderNames returns the names of the headers that hold
// credentials, besides the built-in ones, for the request with ctx: its
// Call's Settings.CredentialHeaders, else what WithCredentialHeaderNames
// (or WithClientCredentials) gave. A call going through another client's
// Transport gets that client's names too (credential.WithClientNames):
// its layers redact, watch and partition by them, as for its own calls.
// The slice is the one every request of a client shares: read it, do not
// write to it (a client's has no room past its length, so appending to it
// copies it).
func CredentialHeaderNames(ctx context.Context) []string {
	if call := CallFrom(ctx); call != nil {
		if theirs := credential.ThroughFrom(ctx).Names(); len(theirs) > 0 {
			return append(call.Settings.CredentialHeaders[:len(call.Settings.CredentialHeaders):len(call.Settings.CredentialHeaders)], theirs...)
		}
		return call.Settings.CredentialHeaders
	}
	cc, _ := ctx.Value(credentialNamesKey{}).(clientCredentials)
	return cc.names
}

// SentHeader returns req's header as the client's bottom layer sends it,
// as far as credentials go, for a request that carries no Call: what the
// function WithClientCredentials gave returns for it, else req.Header.
func SentHeader(req *http.Request) http.Header {
	if CallFrom(req.Context()) == nil {
		if cc, _ := req.Context().Value(credentialNamesKey{}).(clientCredentials); cc.sent != nil {
			return cc.sent(req)
		}
	}
	return req.Header
}

// CredentialNamesWith is names (a layer's WithCredentialHeaders) with the
// names a client's Transport gives the request with ctx
// (CredentialHeaderNames): a layer the user built for client.WithLayers
// knows no client's names. names itself when there are none.
func CredentialNamesWith(ctx context.Context, names []string) []string {
	if extra := CredentialHeaderNames(ctx); len(extra) > 0 {
		return append(slices.Clip(names), extra...)
	}
	return names
}
