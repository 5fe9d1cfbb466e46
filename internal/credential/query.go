package credential

import (
	"net/url"
	"strings"
)

// Query strings: which parameters are secret, their values redacted or
// dropped, and the URLs query values hold.

func (k Keys) queryHasSecret(raw string) bool {
	// One pass: each name (before '=', in a parameter ended by '&' or ';')
	// is checked as it ends; only a name with an escape is unescaped. A
	// value is looked into only when it may be JSON (see secretValue).
	start, escaped, inName := 0, false, true
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '&' || c == ';':
			start, escaped, inName = i+1, false, true
		case !inName:
		case c == '=':
			name := raw[start:i]
			if escaped {
				name = unescape(name)
			}
			if k.Secret(name) {
				return true
			}
			inName = false
		case c == '%' || c == '+':
			escaped = true
		}
	}
	if !mayHoldJSON(raw) {
		return false
	}
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, _, secret, ok := w.next()
		if !ok {
			return false
		}
		if secret && strings.IndexByte(p, '=') >= 0 {
			return true
		}
	}
}

func unescape(name string) string {
	if key, err := url.QueryUnescape(name); err == nil {
		return key
	}
	return name
}

// Query replaces the value of every secret parameter of the raw query with
// Redacted, and a value that is a URL holding a secret (a signed download
// URL handed to an image proxy, a callback with its token: formURL) with
// that URL redacted, escaped again; the rest is left as it is, and raw
// itself is returned when nothing is secret.
func (k Keys) Query(raw string) string { return k.query(raw, 0) }

// maxNested bounds how deep query looks for URLs in values: a URL in a
// value of the query, and one in a value of that URL's query, no deeper
// (each level costs a walk of what it holds).
const maxNested = 2

// query is Query for the query of a URL found depth levels deep in values.
func (k Keys) query(raw string, depth int) string {
	if raw == "" {
		return raw
	}
	nested := depth < maxNested && mayHoldURL(raw)
	// Past the bound, a value that is still a URL with a query (or
	// userinfo...) goes whole: it is not looked into, so it may hide one.
	deep := depth >= maxNested && mayHoldURL(raw)
	if !nested && !deep && !k.queryHasSecret(raw) {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	changed := false
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, sep, secret, ok := w.next()
		if !ok {
			break
		}
		if name, value, hasValue := strings.Cut(p, "="); hasValue && secret {
			p, changed = name+"="+Redacted, true
		} else if hasValue && nested {
			if r, ok := k.formURLAt(value, depth+1); ok {
				p, changed = name+"="+r, true
			}
		} else if hasValue && deep && urlWithMore(value) {
			p, changed = name+"="+Redacted, true
		}
		b.WriteString(p)
		b.WriteString(sep)
	}
	if !changed {
		return raw
	}
	return b.String()
}

// urlWithMore reports whether a query value, escaped or not, is a URL (as
// urlString reads one) with a query, userinfo, parameters or a fragment,
// where a secret could be.
func urlWithMore(v string) bool {
	v = lenientUnescape(v) // a stray '%' kept, as a browser reads it
	return (strings.Contains(v, "://") || strings.HasPrefix(v, "/")) && strings.ContainsAny(v, "?@;#")
}

// mayHoldURL reports whether a raw query may hold a value that is a URL as
// urlString reads one (with "://", or a path from the root), escaped or
// not: the common query, without one, is not walked for them.
func mayHoldURL(raw string) bool {
	if strings.Contains(raw, "=/") || strings.Contains(raw, ":/") {
		return true
	}
	// "https:%2F%2F…": the ':' kept raw, the slashes escaped.
	for i := 0; ; {
		j := strings.Index(raw[i:], ":%2")
		if j < 0 || i+j+3 >= len(raw) {
			break
		}
		if i += j + 3; raw[i]|0x20 == 'f' {
			return true
		}
	}
	// An escaped ':' ("https%3A%2F%2F…", or escaped twice: "%253A"), or
	// an escaped '/' that starts a value ("=%2Fcb…"): one look at each '%'.
	for i := strings.IndexByte(raw, '%'); i >= 0 && i+2 < len(raw); {
		if escapedLen(raw[i:], ':') > 0 || escapedLen(raw[i:], '/') > 0 && i > 0 && raw[i-1] == '=' {
			return true
		}
		j := strings.IndexByte(raw[i+1:], '%')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// WithoutSecrets returns the raw query without its secret parameters (a
// name Secret reports, with a value or not) and its empty ones; the others
// are kept byte for byte, each after the separator ('&' or ';') that came
// before it. A query sent to another origin goes through it: what Query
// would mask there is not sent at all.
func (k Keys) WithoutSecrets(raw string) string {
	var b strings.Builder
	sep := ""
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, next, secret, ok := w.next()
		if !ok {
			return b.String()
		}
		if p != "" && !secret && (strings.IndexByte(p, '=') >= 0 || !k.Secret(unescape(p))) { // a name alone may be secret too
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
		sep = next
	}
}

// WithoutAddedSecrets returns the raw query without the secret parameters
// (as WithoutSecrets judges them) that made, the query of the URL the
// request was made with, does not have byte for byte: those a layer added
// since. The rest is kept byte for byte, each parameter after the
// separator that came before it; raw itself when nothing is dropped.
func (k Keys) WithoutAddedSecrets(raw, made string) string {
	if raw == made || raw == "" {
		return raw
	}
	var had map[string]int
	var b strings.Builder
	sep, dropped := "", false
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, next, secret, ok := w.next()
		if !ok {
			break
		}
		if secret || p != "" && strings.IndexByte(p, '=') < 0 && k.Secret(unescape(p)) {
			if had == nil {
				had = make(map[string]int)
				for m := (paramWalker{k: k, raw: made}); ; {
					mp, _, _, ok := m.next()
					if !ok {
						break
					}
					had[mp]++
				}
			}
			if had[p] == 0 {
				dropped, sep = true, next
				continue
			}
			had[p]--
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
		sep = next
	}
	if !dropped {
		return raw
	}
	return b.String()
}
