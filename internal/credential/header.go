package credential

import (
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// SecretHeaders always hold credentials. Set-Cookie is a response header,
// listed so that it is redacted too; Cookie2 and Set-Cookie2 are their
// obsolete (RFC 2965) forms, which some servers still send.
var SecretHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "Cookie2", "Set-Cookie2"}

// notSecret are names that look secret by the word rule but carry none, and
// must reach a backup (an idempotency key is what makes a POST safe to send
// there).
var notSecret = []string{"Idempotency-Key"}

// identityWords make a header name carry who the user is when one of its
// words is one of them: the headers an authenticating proxy or gateway sets
// for the service behind it, which that service may pass on (X-Remote-User,
// X-Forwarded-User, X-Forwarded-Email, X-User-Id, X-Ms-Client-Principal,
// X-Amzn-Oidc-Identity, X-Forwarded-Client-Cert, X-Client-Certificate,
// X-Ssl-Client-Dn, and
// WeChat Cloud Run's X-WX-OPENID and X-WX-UNIONID, a mini-program user's
// ids, and Kong's X-Consumer-Id, X-Consumer-Custom-Id and X-Userinfo, the
// consumer and the OIDC user it authenticated). Two
// users' requests that differ only there must not share a stored answer,
// nor may another origin get them. Header names only: a query parameter
// named user or email is data.
var identityWords = []string{"user", "userid", "username", "uid", "email", "principal", "identity", "oidc", "upn", "cert", "certificate", "dn",
	"openid", "unionid", "consumer", "userinfo",
	// Whose the request is when a gateway or an app names an account, a
	// tenant or the user's groups and roles (X-Account-Id, X-Tenant-Id,
	// X-Customer-Id, X-Member-Id, X-Login, X-Ssl-Subject, oauth2-proxy's
	// X-Forwarded-Groups, X-Hasura-Role, OpenAI-Organization, X-Org-Id,
	// X-Employee-Id, X-Patient-Id, X-Team-Id, Honeycomb's X-Honeycomb-Team
	// (its API key), OpenAI-Project, X-Phone): answers differ by them as
	// by the user, so a store shares them no further. (Not workspace: the
	// README's example of a name a client adds.)
	"account", "customer", "member", "login", "subject", "tenant", "group", "groups", "role", "roles",
	"org", "organization", "organisation", "employee", "patient", "team", "project", "phone"}

// IsIdentityHeader reports whether a header named name says who the user
// is (identityWords), User-Agent and its X- copy aside.
func IsIdentityHeader(name string) bool {
	const ua = "user-agent"
	if len(name) >= len(ua) && hasPrefixFold(name[len(name)-len(ua):], ua) {
		return false
	}
	return hasWordOf(name, identityWords)
}

// cookieWords make a header name carry a session when one of its words is
// one: a cookie moved to another field (X-Amzn-Remapped-Set-Cookie, which
// a gateway sends in place of the origin's Set-Cookie, X-Set-Cookie),
// which must be kept from other users and origins as the field itself is.
var cookieWords = []string{"cookie", "cookie2"}

// IsCookieHeader reports whether a header named name holds a cookie, under
// its own name or another (cookieWords).
func IsCookieHeader(name string) bool { return hasWordOf(name, cookieWords) }

// IsHeader reports whether a header named name holds a credential: one of
// SecretHeaders, a secret-looking name (X-Api-Key, X-Auth-Token,
// X-Client-Secret...), a name that says who the user is (X-Remote-User,
// X-User-Id: IsIdentityHeader), or one of extra, the names a user added.
// Names are compared case-insensitively.
func IsHeader(name string, extra []string) bool {
	for _, n := range extra {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	if PlainHeader(name) {
		return false
	}
	for _, n := range SecretHeaders {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	if !SecretName(name) {
		return IsIdentityHeader(name) || IsCookieHeader(name)
	}
	for _, n := range notSecret {
		if strings.EqualFold(name, n) {
			return false
		}
	}
	return true
}

// HasAny reports whether h carries a credential header.
func HasAny(h http.Header, extra []string) bool {
	for name := range h {
		if IsHeader(name, extra) {
			return true
		}
	}
	return false
}

// Strip deletes every credential header from h, as a request to another
// origin (a redirect, a backup) must not carry them. h is changed in place:
// pass a copy.
func Strip(h http.Header, extra []string) {
	for name := range h {
		if IsHeader(name, extra) {
			delete(h, name)
		}
	}
}

// Headers is a set of canonical header names whose values are redacted, on
// top of the credential headers (IsHeader).
type Headers map[string]bool

// NewHeaders returns a set with names.
func NewHeaders(names ...string) Headers {
	h := make(Headers, len(names))
	for _, n := range names {
		h[http.CanonicalHeaderKey(n)] = true
	}
	return h
}

// Redact returns a copy of hd with the value of every credential header
// (IsHeader, extra the caller's own names: a client's
// WithCredentialHeaders) and of every listed header replaced by Redacted,
// one per value (but for a value knownValue shows under a name the caller
// did not list), and the URLs in URLHeaders (Location, Link...) redacted by
// k, the query parameter names the caller redacts in its request URLs (nil:
// the default rules). Every layer that writes headers out (a recording, a
// log record) goes through it.
func (h Headers) Redact(hd http.Header, k Keys, extra []string) http.Header {
	if hd == nil {
		return nil
	}
	out := make(http.Header, len(hd))
	for name, vs := range hd {
		if !IsToken(name) {
			// A line pasted whole as a name ("Authorization: Bearer …",
			// "X-Workspace tok"), which net/http refuses to send, is a
			// value too: named as the error that refuses it names it, up
			// to its first byte that is no token's, the rest withheld
			// (the text redaction finds a value after a known name's
			// colon only); its values redacted with it.
			key := optiontext.HeaderName(name)
			for range vs {
				out[key] = append(out[key], Redacted)
			}
			if vs == nil && out[key] == nil {
				out[key] = nil
			}
			continue
		}
		if !h[http.CanonicalHeaderKey(name)] && !IsHeader(name, extra) {
			var cp []string // nil for nil, as before
			if vs != nil {
				cp = make([]string, len(vs))
			}
			for i, v := range vs {
				cp[i] = k.URLHeader(name, v)
			}
			out[name] = cp
			continue
		}
		// A field the caller listed (here or as its own credential)
		// is redacted whatever it holds; one the word rules alone
		// matched shows a value of its fixed grammar (knownValue).
		listed := h[http.CanonicalHeaderKey(name)] || inNames(name, extra)
		red := make([]string, len(vs))
		for i, v := range vs {
			red[i] = Redacted
			if !listed && knownValue(name, v) {
				red[i] = v
			}
		}
		out[name] = red
	}
	return out
}

// knownValue reports whether v is one of the few literal values the
// grammar of the field name allows, when name holds a secret or identity
// word by the rules of IsHeader but the field carries no credential:
// Access-Control-Allow-Credentials is "true", the only value fetch takes
// (a log showing REDACTED there hides whether a CORS answer allowed
// credentials, which is what one reads it for), and Sec-Fetch-User the
// structured boolean "?1" (Fetch Metadata) or "?0". Any other value under
// such a name, a server's misuse, is redacted as the name's rule says; the
// field stays a credential header for stripping and partitions, where it
// changes nothing (a response field, a browser's constant).
func knownValue(name, v string) bool {
	v = strings.Trim(v, " \t")
	switch {
	case strings.EqualFold(name, "Access-Control-Allow-Credentials"):
		return v == "true"
	case strings.EqualFold(name, "Sec-Fetch-User"):
		return v == "?1" || v == "?0"
	}
	return false
}

// inNames reports whether name is one of names, in any case.
func inNames(name string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// PlainHeader reports whether name is, exactly as net/http canonicalises
// it, one of the everyday request and response fields that hold no
// credential, identity or session under any rule here: one switch in place
// of the word scans, for the fields nearly every request and answer
// carries (IsHeader runs on each wherever a partition is made, and
// middleware.Personal on each field of every stored answer served).
// TestPlainHeadersAreNoCredentials checks each against the rules.
func PlainHeader(name string) bool {
	switch name {
	case "Accept", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Access-Control-Allow-Origin",
		"Age", "Cache-Control", "Cache-Status", "Connection", "Content-Disposition", "Content-Encoding",
		"Content-Language", "Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy",
		"Content-Type", "Date", "Etag", "Expires", "Host", "If-Match", "If-Modified-Since", "If-None-Match",
		"If-Range", "If-Unmodified-Since", "Keep-Alive", "Last-Event-Id", "Last-Modified", "Location",
		"Origin", "Pragma", "Range", "Referer", "Retry-After", "Server", "Strict-Transport-Security",
		"Trailer", "Transfer-Encoding", "Upgrade", "User-Agent", "Vary", "Via", "X-Content-Type-Options",
		"X-Frame-Options", "X-Request-Id", "X-Requested-With":
		return true
	}
	return false
}

// TrimNames is names with the HTTP white space around each trimmed and the
// empty ones left out, and a list given as one name ("X-Tenant, X-Shard",
// a configuration value) split at its commas, which no header name holds:
// each names its header all the same, where compared as it is it would
// match none, and the header it was to protect would go to other origins
// and users (a layer's option has no error to return).
func TrimNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, list := range names {
		for n := range strings.SplitSeq(list, ",") {
			if n = strings.Trim(n, " \t\r\n"); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// IsToken reports whether s is an RFC 9110 token, not empty: a field name
// net/http sends, a method (optiontext.IsToken).
func IsToken(s string) bool { return optiontext.IsToken(s) }
