// Package credential is the one credential model of taroreq: which headers
// and query parameters are secret, what an origin is, and how URLs, errors
// and headers are redacted before they reach a span, a log line, an error,
// a key or a recording. Every layer uses it.
package credential

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Redacted replaces every secret value.
const Redacted = "REDACTED"

// secretWords make a query parameter name secret-looking when the name
// contains one of them, case-insensitively: token, access_token, key,
// api_key, password, secret, signature, sig, auth, X-Amz-Signature...
var secretWords = []string{"token", "key", "secret", "password", "passwd", "sig", "auth", "credential", "session"}

// SecretHeaders are the headers whose values are always redacted.
var SecretHeaders = []string{"Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization"}

// Keys is a set of extra, lower-cased query parameter names to redact. The
// zero value redacts only the secret-looking names. A Keys is read-only once
// built and safe for concurrent use.
type Keys map[string]bool

// NewKeys returns the set of names, compared case-insensitively.
func NewKeys(names ...string) Keys {
	if len(names) == 0 {
		return nil
	}
	k := make(Keys, len(names))
	for _, n := range names {
		k[strings.ToLower(n)] = true
	}
	return k
}

// Secret reports whether a query parameter named name must be redacted.
func (k Keys) Secret(name string) bool {
	name = strings.ToLower(name)
	if k[name] {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// URL returns u without userinfo and fragment, with the value of every
// secret query parameter replaced by Redacted; the rest of the query is kept
// byte for byte. A nil u gives "".
func (k Keys) URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil && u.Fragment == "" && !k.queryHasSecret(u.RawQuery) {
		return u.String() // the common case: one allocation, no copy
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	c.RawQuery = k.Query(c.RawQuery)
	return c.String()
}

// String is URL for a URL in text form; text that does not parse is
// returned with any query dropped.
func (k Keys) String(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		before, _, _ := strings.Cut(raw, "?")
		return before
	}
	return k.URL(u)
}

func (k Keys) queryHasSecret(raw string) bool {
	for raw != "" {
		var p string
		p, raw, _ = strings.Cut(raw, "&")
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && k.Secret(unescape(name)) {
			return true
		}
	}
	return false
}

func unescape(name string) string {
	if key, err := url.QueryUnescape(name); err == nil {
		return key
	}
	return name
}

// Query replaces the value of every secret parameter of the raw query with
// Redacted, leaving the rest as it is.
func (k Keys) Query(raw string) string {
	if raw == "" || !k.queryHasSecret(raw) {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && k.Secret(unescape(name)) {
			parts[i] = name + "=" + Redacted
		}
	}
	return strings.Join(parts, "&")
}

// Error returns the text of err with the URL of any *url.Error in it
// redacted (net/http's errors quote the whole URL, query included).
func (k Keys) Error(err error) string {
	if err == nil {
		return ""
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		msg := fmt.Sprintf("%s %q: %v", ue.Op, k.String(ue.URL), ue.Err)
		if full := err.Error(); full != ue.Error() {
			// err wraps the *url.Error: keep what it adds, redacting the URL.
			return strings.ReplaceAll(full, ue.Error(), msg)
		}
		return msg
	}
	return err.Error()
}

// Headers is a set of canonical header names whose values are redacted, on
// top of SecretHeaders.
type Headers map[string]bool

// NewHeaders returns SecretHeaders plus names.
func NewHeaders(names ...string) Headers {
	h := make(Headers, len(SecretHeaders)+len(names))
	for _, n := range SecretHeaders {
		h[http.CanonicalHeaderKey(n)] = true
	}
	for _, n := range names {
		h[http.CanonicalHeaderKey(n)] = true
	}
	return h
}

// Header returns a copy of hd with the value of every listed header, and of
// every header with a secret-looking name (X-Api-Key, X-Auth-Token...),
// replaced by Redacted, one per value.
func (h Headers) Header(hd http.Header) http.Header {
	if hd == nil {
		return nil
	}
	out := make(http.Header, len(hd))
	for name, vs := range hd {
		if !h[http.CanonicalHeaderKey(name)] && !Keys(nil).Secret(name) {
			out[name] = append([]string(nil), vs...)
			continue
		}
		red := make([]string, len(vs))
		for i := range red {
			red[i] = Redacted
		}
		out[name] = red
	}
	return out
}
