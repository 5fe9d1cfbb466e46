package credential

import (
	"github.com/taroreq/taroreq/internal/optiontext"
	"net/http"
	"net/url"
	"strings"
)

// URLHeaders hold URLs, which may carry a credential in their query, user
// info or fragment (an OAuth redirect's Location with access_token or code,
// a pre-signed Content-Location, a Link to the next page with a token):
// Headers.Redact redacts the URLs in them, as URL does, and keeps the rest
// of the value.
var URLHeaders = []string{"Location", "Content-Location", "Referer", "Link", "Refresh"}

// urlHeaderKind says how the URLs of a URLHeaders header are found.
var urlHeaderKind = map[string]byte{
	"Location": 'u', "Content-Location": 'u', "Referer": 'u', // the value is a URL
	"Link":    'l', // <URL>; rel=next, <URL>; rel=prev
	"Refresh": 'r', // 5; url=URL
}

// URLHeader returns value, the value of a header named name, with the URLs
// in it redacted by k: as URL redacts one when name is one of URLHeaders,
// and as Text redacts free text for any other name (a resumable upload's
// session URL in X-Goog-Upload-Url, a vendor's pre-signed download URL, a
// callback URL a request names: every header may hold one), and with the
// other secrets freeValue finds there; a Sec-WebSocket-Protocol's
// subprotocols named like secrets go whole (subprotocols). value as it
// is when nothing in it is secret.
func (k Keys) URLHeader(name, value string) string {
	name = http.CanonicalHeaderKey(name)
	if name == "Sec-Websocket-Protocol" {
		return subprotocols(value)
	}
	switch urlHeaderKind[name] {
	case 'u':
		return k.urlText(value)
	case 'l':
		return k.link(value)
	case 'r':
		return k.refresh(value)
	}
	if !strings.ContainsAny(value, "=@%{[:") && !strings.Contains(value, "eyJ") && !mayHoldScheme(value) && !mayHoldVendorToken(value) &&
		!strings.Contains(value, pemKeyMark) {
		return value // no parameter, userinfo, escape, JSON, quoted line, JWT, scheme, vendor token or PEM key: nothing to change
	}
	return k.freeValue(value, listValue(name))
}

// freeValue is freeText, with the encoded payloads of data: URLs judged as
// their text (dataPayloads).
func (k Keys) freeValue(value string, list bool) string {
	return k.dataPayloads(k.freeText(value, list))
}

// freeText is Text for a header's value, and what Text lets through in
// text but a header's value may hold: one escaped URL, whole
// (X-Callback-Url: https%3A%2F%2F…%3Fcode%3D…) or inside a raw one
// (escapedParams), JSON with a secret member ({"access_token": …}), whole
// or not (embeddedJSON), a JWT (redactJWTs), an Authorization value's
// credential (schemeCredentials, digestResponses), a vendor's token
// (vendorTokens). list
// reads it as a list of parameters too (listMember, spacedParams), and of
// quoted header lines (echoedHeaderLines).
func (k Keys) freeText(value string, list bool) string {
	v := strings.TrimSpace(value)
	if mayBeJSON(v) {
		if out, changed, ok := k.JSON([]byte(v)); ok {
			// Its strings' token shapes too (a PEM key, a Bearer
			// credential), which no member's name gives away.
			if !changed {
				return k.redactJWTs(tokenShapes(value))
			}
			return k.redactJWTs(tokenShapes(string(out)))
		}
	}
	if wholeEscapedURL(v) {
		if r, ok := k.formURLAt(v, 1); ok {
			return r
		}
	}
	if list {
		value = echoedHeaderLines(value)
	}
	value = tokenShapes(value)
	value = k.escapedQueryParams(k.escapedParams(k.text(withoutHeaderValues(value, nil), 0, list), list))
	if list {
		value = k.spacedParams(value)
	}
	return k.redactJWTs(k.embeddedJSON(value))
}

// urlText is String(raw), but raw itself, byte for byte, when nothing in it
// is secret: no userinfo, no fragment, no secret query parameter.
func (k Keys) urlText(raw string) string {
	trimmed := asBrowserReads(strings.TrimSpace(raw))
	if trimmed == "" {
		return raw
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		return k.redactJWTs(k.pathParams(Bare(trimmed))) // as String cuts and redacts it
	}
	if u.User == nil && u.Fragment == "" && !strings.Contains(trimmed, "#") && k.query(u.RawQuery, 0) == u.RawQuery &&
		!hostlessUserinfo(u) && !k.pathHasSecret(u) && !strings.Contains(trimmed, "eyJ") {
		return raw
	}
	return k.URL(u)
}

// link redacts each <URL> of a Link header value (RFC 8288), and the URL
// of each anchor parameter, which names a link's context. Quoted strings
// (with their backslash escapes) are read as such: a '<' or a quote inside
// one ends nothing.
func (k Keys) link(v string) string {
	var b strings.Builder
	rest := v
	for {
		open := targetStart(rest)
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open+1:], '>')
		if end < 0 {
			// An unterminated link: everything after '<' is its URL.
			k.writeAnchors(&b, rest[:open+1])
			b.WriteString(k.urlText(rest[open+1:]))
			rest = ""
			break
		}
		k.writeAnchors(&b, rest[:open+1])
		b.WriteString(k.urlText(rest[open+1 : open+1+end]))
		b.WriteByte('>')
		rest = rest[open+1+end+1:]
	}
	k.writeAnchors(&b, rest)
	if b.Len() == len(v) && b.String() == v {
		return v
	}
	return b.String()
}

// targetStart returns the index of the first '<' of s outside a quoted
// string, or -1.
func targetStart(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			n, _ := optiontext.QuotedString(s[i:])
			i += n - 1
		case '<':
			return i
		}
	}
	return -1
}

// writeAnchors writes params, the text between two links of a Link value,
// with the URL of every anchor parameter redacted: quoted (anchor="URL")
// or not (anchor=URL, up to the next ','; a ';' there is taken as the
// URL's, as the query rules take it). Other quoted strings are copied as
// they are.
func (k Keys) writeAnchors(b *strings.Builder, params string) {
	for i := 0; i < len(params); {
		c := params[i]
		if c == '"' {
			n, _ := optiontext.QuotedString(params[i:])
			b.WriteString(params[i : i+n])
			i += n
			continue
		}
		if (c != 'a' && c != 'A') || i > 0 && !paramBoundary(params[i-1]) || !hasPrefixFold(params[i:], "anchor") {
			b.WriteByte(c)
			i++
			continue
		}
		j := skipBlanks(params, i+len("anchor"))
		if j >= len(params) || params[j] != '=' {
			b.WriteString(params[i:j])
			i = j
			continue
		}
		j = skipBlanks(params, j+1)
		b.WriteString(params[i:j])
		if j < len(params) && params[j] == '"' {
			n, closed := optiontext.QuotedString(params[j:])
			inner := params[j+1 : j+n]
			if closed {
				inner = params[j+1 : j+n-1]
			}
			b.WriteByte('"')
			b.WriteString(k.urlText(inner))
			if closed {
				b.WriteByte('"')
			}
			i = j + n
			continue
		}
		end := strings.IndexByte(params[j:], ',')
		if end < 0 {
			end = len(params) - j
		}
		b.WriteString(k.urlText(params[j : j+end]))
		i = j + end
	}
}

// paramBoundary reports whether c may come just before a parameter name.
func paramBoundary(c byte) bool { return c == ';' || c == ' ' || c == '\t' || c == ',' || c == '>' }

// skipBlanks returns the index of the first byte of s from i that is not a
// space or a tab.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// refresh redacts the URL of a Refresh header value, read as HTML's
// declarative refresh does: a delay, then ";", "," or white space alone,
// then the URL, after "url=" or not, quoted or not. A value without a delay
// ("url=…", which browsers refuse) is redacted all the same.
func (k Keys) refresh(v string) string {
	j := skipBlank(v, 0)
	for j < len(v) && (v[j] >= '0' && v[j] <= '9' || v[j] == '.') {
		j++
	}
	j = skipBlank(v, j)
	if j < len(v) && (v[j] == ';' || v[j] == ',') {
		j++
	}
	j = skipBlank(v, j)
	if j == len(v) {
		return v // a delay alone
	}
	if hasPrefixFold(v[j:], "url") {
		if e := skipBlank(v, j+3); e < len(v) && v[e] == '=' {
			j = skipBlank(v, e+1)
		}
	}
	u := v[j:]
	end := ""
	if u != "" && (u[0] == '\'' || u[0] == '"') {
		q := u[0]
		j++
		u = u[1:]
		if c := strings.IndexByte(u, q); c >= 0 {
			u, end = u[:c], u[c:]
		}
	}
	red := k.urlText(u)
	if red == u {
		return v
	}
	return v[:j] + red + end
}

// skipBlank returns the index of the first byte of v from i on that is not
// a space or a tab.
func skipBlank(v string, i int) int {
	for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
		i++
	}
	return i
}
