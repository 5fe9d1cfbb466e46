package credential

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
)

// redactedJSON replaces the value of a secret JSON member.
const redactedJSON = `"` + Redacted + `"`

// JSON returns body with the value of every object member whose name is
// secret (Secret, compared after JSON unescaping, so "pass\u0077ord" is
// password) replaced by the string "REDACTED", at any depth and in every
// element of an array; a secret member's value is replaced whole, object or
// array included. A string value that is a URL holding a secret (see
// urlValue: a pagination link with an access_token, a signed download
// URL) is replaced by its redacted form, as URL writes it. Every other byte
// is kept as it is, member order and spacing included; duplicate names are
// all redacted. body may hold several JSON values one after another (JSON
// lines).
//
// ok is false when body is not JSON: nothing is redacted then, and out is
// nil. changed says whether anything was replaced; when it is false, out is
// body itself.
func (k Keys) JSON(body []byte) (out []byte, changed, ok bool) {
	if !validJSONValues(body) {
		return nil, false, false
	}
	r := jsonRedactor{k: k, in: body}
	for i := skipSpace(body, 0); i < len(body); i = skipSpace(body, i) {
		i = r.walk(i)
	}
	if r.out == nil {
		return body, false, true
	}
	return append(r.out, body[r.last:]...), true, true
}

// validJSONValues reports whether body is a sequence of valid JSON values,
// possibly none, separated by white space or nothing. encoding/json also
// bounds the nesting depth, which keeps walk's recursion bounded.
func validJSONValues(body []byte) bool {
	if i := skipSpace(body, 0); i < len(body) && (body[i] == '{' || body[i] == '[') && bytes.IndexAny(body, "]}") < 0 {
		return false // an object or array nothing closes: no decoder needed to say so
	}
	if json.Valid(body) {
		return true // one value, the usual case: no decoder either
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		var v json.RawMessage
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// jsonRedactor copies in to out lazily: out stays nil until the first
// replacement, and last is where the next copy from in starts.
type jsonRedactor struct {
	k    Keys
	in   []byte
	out  []byte
	last int
}

// walk redacts the value starting at in[i] (valid JSON, no leading space)
// and returns the index just after it.
func (r *jsonRedactor) walk(i int) int {
	b := r.in
	switch b[i] {
	case '{':
		i = skipSpace(b, i+1)
		for b[i] != '}' {
			end := endString(b, i)
			name := jsonName(b[i:end])
			i = skipSpace(b, end)
			i = skipSpace(b, i+1) // the colon
			if r.k.Secret(name) {
				end = skipValue(b, i)
				r.out = append(append(r.out, b[r.last:i]...), redactedJSON...)
				r.last, i = end, end
			} else {
				i = r.walk(i)
			}
			if i = skipSpace(b, i); b[i] == ',' {
				i = skipSpace(b, i+1)
			}
		}
		return i + 1
	case '[':
		i = skipSpace(b, i+1)
		for b[i] != ']' {
			i = skipSpace(b, r.walk(i))
			if b[i] == ',' {
				i = skipSpace(b, i+1)
			}
		}
		return i + 1
	case '"':
		end := endString(b, i)
		if s, ok := r.k.urlValue(b[i:end]); ok {
			r.out = append(append(r.out, b[r.last:i]...), s...)
			r.last = end
		}
		return end
	}
	return skipValue(b, i)
}

// urlValue returns the JSON string quoted (with its quotes) redacted, when
// its value is a URL (absolute, with "://", or a path from the root) that
// holds a secret: userinfo, a secret query or ';' path parameter, or a
// fragment with a secret parameter (an OAuth implicit grant's
// #access_token=). ok is false for any other string, kept byte for byte:
// text that is no URL, or a URL without a secret.
func (k Keys) urlValue(quoted []byte) (redacted []byte, ok bool) {
	if len(quoted) < 4 {
		return nil, false
	}
	escaped := bytes.IndexByte(quoted, '\\') >= 0 // "https:\/\/…" is a URL too
	if !escaped && (quoted[1] != '/' && !bytes.Contains(quoted, []byte("://")) || bytes.IndexAny(quoted, "?@;#") < 0) {
		return nil, false // the common case, without a copy: no URL, or one with nothing after its path
	}
	s, ok := k.urlString(jsonName(quoted))
	if !ok {
		return nil, false
	}
	out, err := json.Marshal(s)
	return out, err == nil
}

// urlString returns s redacted (URL's form) when it is a URL (absolute,
// with "://", or a path from the root) that holds a secret, as urlValue
// tells; ok is false for any other text.
func (k Keys) urlString(s string) (redacted string, ok bool) { return k.urlStringAt(s, 0) }

// urlStringAt is urlString for a URL found depth levels deep in query
// values (see Keys.query).
func (k Keys) urlStringAt(s string, depth int) (redacted string, ok bool) {
	if s == "" || s[0] != '/' && !strings.Contains(s, "://") || !strings.ContainsAny(s, "?@;#") {
		return "", false
	}
	if strings.ContainsAny(s, " \t\r\n") {
		// Text that mentions a URL ("see https://h/cb?code=… to go
		// on"): its URLs redacted as an error's text has them.
		if t := k.text(s, depth, false); t != s {
			return t, true
		}
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" && !strings.HasPrefix(s, "/") {
		// Not one URL but text around one, with no space in it
		// ("(https://h/cb?code=…)", "<https://…>"): as text too.
		if t := k.text(s, depth, false); t != s {
			return t, true
		}
		return "", false
	}
	if u.User == nil && !hostlessUserinfo(u) && k.query(u.RawQuery, depth) == u.RawQuery && !k.pathHasSecret(u) &&
		!k.queryHasSecret(u.EscapedFragment()) {
		return "", false
	}
	return k.url(u, depth), true
}

// jsonName decodes a member name, a JSON string with its quotes.
func jsonName(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return string(quoted) // cannot happen in valid JSON
	}
	return s
}

// skipValue returns the index just after the valid JSON value at b[i].
func skipValue(b []byte, i int) int {
	depth := 0
	for {
		switch c := b[i]; c {
		case '"':
			i = endString(b, i)
		case '{', '[':
			depth++
			i++
		case '}', ']':
			depth--
			i++
		default:
			if depth > 0 {
				i++
				continue
			}
			for i < len(b) && isLiteral(b[i]) { // a number, true, false or null
				i++
			}
			return i
		}
		if depth == 0 {
			return i
		}
	}
}

// endString returns the index just after the JSON string starting at b[i].
func endString(b []byte, i int) int {
	for i++; b[i] != '"'; i++ {
		if b[i] == '\\' {
			i++
		}
	}
	return i + 1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isLiteral reports whether c may be part of a number, true, false or
// null; anything else ends one (values may follow one another unspaced).
func isLiteral(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == 'E' || c == '.' || c == '+' || c == '-'
}

// Form returns an application/x-www-form-urlencoded body with the value of
// every field whose name is secret (Secret, compared after unescaping)
// replaced by REDACTED, every field of a repeated name included, and a value
// that is a URL holding a secret redacted as a URL is (formURL). Both & and
// ; end a field, as some servers split on either; every other byte is kept
// as it is. changed says whether anything was replaced; when it is false,
// out is body itself.
func (k Keys) Form(body []byte) (out []byte, changed bool) {
	last, at := 0, 0
	for w := (paramWalker{k: k, raw: string(body)}); ; {
		p, _, secret, ok := w.next()
		if !ok {
			break
		}
		if eq := strings.IndexByte(p, '='); eq >= 0 && secret {
			value, end := at+eq+1, at+len(p)
			out = append(append(out, body[last:value]...), Redacted...)
			last, changed = end, true
		} else if eq >= 0 {
			if r, ok := k.formURL(p[eq+1:]); ok {
				value, end := at+eq+1, at+len(p)
				out = append(append(out, body[last:value]...), r...)
				last, changed = end, true
			}
		}
		at = w.i
	}
	if !changed {
		return body, false
	}
	return append(out, body[last:]...), true
}

// formURL returns a form value, escaped, redacted when it is a URL that
// holds a secret (urlString: a callback's signature, a link's
// access_token), escaped again as QueryEscape does; ok is false for any
// other value, kept byte for byte.
func (k Keys) formURL(v string) (string, bool) { return k.formURLAt(v, 0) }

// formURLAt is formURL for a value found depth levels deep in query values
// (see Keys.query).
func (k Keys) formURLAt(v string, depth int) (string, bool) {
	if !strings.ContainsAny(v, "/%") {
		return "", false // the common case, without an unescape: no URL
	}
	s, err := url.QueryUnescape(v)
	if err != nil {
		// A stray '%' ("…sig=SEC%zz"): the value is still the URL that a
		// browser's URLSearchParams (and PHP) read, the '%' kept as it is.
		s = lenientUnescape(v)
	}
	if depth <= maxNested && wholeEscapedURL(s) {
		// Escaped twice (next=https%253A%252F%252F…%253Ftoken%253D…, a
		// URL escaped with the one around it): once more.
		if r, ok := k.formURLAt(s, depth+1); ok {
			return url.QueryEscape(r), true
		}
		return "", false
	}
	r, ok := k.urlStringAt(s, depth)
	if !ok {
		return "", false
	}
	return url.QueryEscape(r), true
}

// BodyJSON is JSON for a recorded body: a member with a cookie's name is
// secret too, at any depth (SecretField).
func (k Keys) BodyJSON(body []byte) (out []byte, changed, ok bool) {
	return k.withCookies().JSON(body)
}

// BodyForm is Form for a recorded body: a field with a cookie's name is
// secret too, and so is a member so named in a field's JSON value.
func (k Keys) BodyForm(body []byte) (out []byte, changed bool) {
	return k.withCookies().Form(body)
}

// cookieKeys are the names of fields that hold a cookie, which
// SecretField, BodyJSON and BodyForm count as secret.
var cookieKeys = NewKeys("cookie", "cookies", "cookie2", "set-cookie", "set-cookie2")

// withCookies returns k with cookieKeys (read-only; k itself is not
// changed).
func (k Keys) withCookies() Keys {
	if len(k) == 0 {
		return cookieKeys
	}
	out := make(Keys, len(k)+len(cookieKeys))
	for n := range k {
		out[n] = true
	}
	for n := range cookieKeys {
		out[n] = true
	}
	return out
}
