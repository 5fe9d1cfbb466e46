package transports

import (
	"net/http"
	"net/url"
	"strings"
)

// Redacted replaces every credential value in a recorded exchange.
const Redacted = "REDACTED"

// redactedHeaders are the headers whose values are always redacted, whatever
// the options say.
var redactedHeaders = []string{"Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization"}

// secretWords make a query parameter or header name secret-looking when the
// name contains one of them, case-insensitively.
var secretWords = []string{"token", "key", "secret", "password", "sig", "auth"}

// isSecretName reports whether name looks like it holds a credential.
func isSecretName(name string) bool {
	name = strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// redactHeader returns a copy of h in which the value of every header in
// names (canonical keys) or with a secret-looking name is Redacted, one
// Redacted per value. A nil h gives nil.
func redactHeader(h http.Header, names map[string]bool) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		if !names[http.CanonicalHeaderKey(k)] && !isSecretName(k) {
			out[k] = append([]string(nil), vs...)
			continue
		}
		red := make([]string, len(vs))
		for i := range red {
			red[i] = Redacted
		}
		out[k] = red
	}
	return out
}

// redactURL returns u in the canonical form recorded and matched by the
// recorder and the replayer: scheme and host in lower case, an empty path as
// "/", no fragment, a userinfo password Redacted, and the value of every
// secret-looking query parameter Redacted. The rest of the query is kept
// byte for byte, order included.
func redactURL(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if c.Path == "" && c.RawPath == "" && c.Opaque == "" {
		c.Path = "/"
	}
	c.Fragment, c.RawFragment = "", ""
	c.ForceQuery = false
	if c.User != nil {
		if _, ok := c.User.Password(); ok {
			c.User = url.UserPassword(c.User.Username(), Redacted)
		}
	}
	c.RawQuery = redactQuery(c.RawQuery)
	return c.String()
}

// redactQuery replaces the value of every secret-looking parameter of the
// raw query with Redacted, leaving the rest as it is.
func redactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		key, err := url.QueryUnescape(name)
		if err != nil {
			key = name
		}
		if hasValue && isSecretName(key) {
			parts[i] = name + "=" + Redacted
		}
	}
	return strings.Join(parts, "&")
}
