package credential

import (
	"net/url"
	"slices"
	"strings"
)

// URL returns u without userinfo and fragment, with the value of every
// secret query parameter replaced by Redacted, and every JWT in it (a magic
// link's path, a signed state=: redactJWTs); the rest of the query is kept
// byte for byte. A nil u gives "".
func (k Keys) URL(u *url.URL) string { return k.redactJWTs(k.url(u, 0)) }

// url is URL for a URL found depth levels deep in query values (see query).
func (k Keys) url(u *url.URL, depth int) string {
	if u == nil {
		return ""
	}
	q := k.query(u.RawQuery, depth)
	if u.User == nil && u.Fragment == "" && q == u.RawQuery && !hostlessUserinfo(u) && !k.pathHasSecret(u) &&
		!schemelessUserinfo(u) {
		return u.String() // the common case: one allocation, no copy
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	if schemelessUserinfo(u) { // "alice:pw@h/x": keep what follows the '@'
		c.Scheme, c.Opaque = "", u.Opaque[strings.LastIndexByte(u.Opaque, '@')+1:]
	}
	c.RawQuery = q
	k.RedactPath(&c)
	text := c.String()
	if hostlessUserinfo(u) {
		if start, from, relative := nextURL(text, 0); start == 0 && !relative {
			if a, b, ok := cutUserinfo(text, from, false); ok {
				text = text[:a] + text[b:]
			}
		}
	}
	return text
}

// URLText is URL(u) for a u whose text (u.String()) is known: the text
// itself when nothing in it is secret, without formatting it again.
func URLText(u *url.URL, text string) string {
	if u.User == nil && u.Fragment == "" && Keys(nil).query(u.RawQuery, 0) == u.RawQuery && !hostlessUserinfo(u) && !schemelessUserinfo(u) &&
		!Keys(nil).pathHasSecret(u) && !strings.Contains(text, "eyJ") {
		return text
	}
	return URL(u)
}

// String is URL for a URL in text form. Text that does not parse is
// returned without its userinfo, query and fragment.
func (k Keys) String(raw string) string {
	if raw == "" {
		return ""
	}
	raw = asBrowserReads(raw)
	u, err := url.Parse(raw)
	if err != nil {
		// http:/u:p@h/%zz has no "//" for Bare to find. A CR or LF is
		// what made many such texts fail: escaped, it cannot start a
		// forged line where the text is printed.
		return k.redactJWTs(EscapeControls(k.pathParams(Bare(withoutUserinfo(schemelessText(raw))))))
	}
	return k.URL(u)
}

// asBrowserReads returns raw, a URL in text form with an '@', with the
// authority a browser reads in it where url.Parse reads it too: without
// the ASCII tabs and newlines before its last '@', which fetch's URL parser
// (and the client's, client.CleanURL) removes wherever they are, and with
// a leading run of slashes that holds a backslash ("\\\\h", "/\\h") as
// "//", and the backslashes after it up to the query as slashes, as a
// browser reads them for http(s). "/\t/alice:pw@host/x" and
// "/\\alice:pw@host/x" are //alice:pw@host/x to a browser, userinfo that
// url.Parse (a control byte; a path) and stripUserinfo (no "//") would not
// find as written. The spaces and controls before it go too, as fetch (and
// client.CleanURL) trims them: " //alice:pw@host/x" is a URL with userinfo
// that url.Parse reads as a path (those after it hide no authority).
// Tabs and newlines after the last '@' stay, escaped by String where the
// text did not parse. Text without an '@' is raw.
func asBrowserReads(raw string) string {
	at := strings.LastIndexByte(raw, '@')
	if at < 0 {
		return raw
	}
	if raw[0] <= ' ' {
		raw = strings.TrimLeftFunc(raw, func(r rune) bool { return r <= ' ' })
		at = strings.LastIndexByte(raw, '@')
	}
	if strings.ContainsAny(raw[:at], "\t\n\r") {
		raw = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, raw[:at]) + raw[at:]
	}
	n := 0
	for n < len(raw) && isSlash(raw[n]) {
		n++
	}
	if n >= 2 && strings.IndexByte(raw[:n], '\\') >= 0 {
		// Every backslash before the query is a slash to a browser: the
		// authority ends at the first one ("\\\\nas\\share\\a@b" is host
		// nas, no userinfo).
		end := len(raw)
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			end = i
		}
		raw = "//" + strings.ReplaceAll(raw[n:end], "\\", "/") + raw[end:]
	}
	return schemeSlashes(raw)
}

// pathHasSecret reports whether a segment of u's path has a parameter
// (after ';', as RFC 3986 allows and servlet containers use) whose name
// looks secret: Tomcat's ";jsessionid=<id>", the session of a client
// without cookies, which Text already redacts in free text; or a query
// escaped in it has one (see pathParams).
func (k Keys) pathHasSecret(u *url.URL) bool {
	if u.Opaque != "" {
		// What String writes in place of the path ("http:h/a;…", or a
		// layer's "//h/a;…" sent unescaped): its parameters too, and a
		// query escaped in it (/cb%3Ftoken%3D…), as in a path.
		return strings.IndexAny(u.Opaque, ";=%") >= 0 && k.pathParams(u.Opaque) != u.Opaque
	}
	if strings.IndexByte(u.Path, ';') < 0 && strings.IndexByte(u.RawPath, ';') < 0 &&
		strings.IndexByte(u.Path, '=') < 0 && strings.IndexByte(u.Path, '%') < 0 {
		return false // the common case: no path parameter at all, nor an escaped query
	}
	p := u.EscapedPath()
	return k.pathParams(p) != p
}

// PathAddsSecret reports whether a ';' parameter of u's path has a name
// Secret reports (";jsessionid=<id>") and is not, byte for byte, one of
// made's path parameters: a session of its own, not the one made's path
// already has (which keys what made's URL keys). An escaped ';' or '='
// counts as one (see paramText). A segment that holds a query escaped in
// it with a secret (/x%3Faccess_token%3D…, once or twice) or a JWT
// (/verify/eyJ…) adds one too, unless made's path has that segment.
func (k Keys) PathAddsSecret(u, made *url.URL) bool {
	if k.segmentAddsSecret(u, made) {
		return true
	}
	if u.Opaque == "" && strings.IndexByte(u.Path, ';') < 0 {
		return false // the common case: no path parameter at all, escaped or not
	}
	had := k.secretPathParams(paramText(made))
	for _, prm := range k.secretPathParams(paramText(u)) {
		i := slices.Index(had, prm)
		if i < 0 {
			return true
		}
		had[i] = "" // each of made's counts once
	}
	return false
}

// secretPathParams returns the ';' parameters of the path p (as sent)
// whose name Secret reports, as pathParams finds them.
func (k Keys) secretPathParams(p string) []string {
	var out []string
	for _, seg := range strings.Split(p, "/") {
		for _, prm := range strings.Split(seg, ";")[1:] {
			name, _, hasValue := strings.Cut(prm, "=")
			if n, err := url.PathUnescape(name); err == nil {
				name = n
			}
			if hasValue && k.Secret(name) {
				out = append(out, prm)
			}
		}
	}
	return out
}

// paramText is pathText(u) with an escaped ';' or '=' read as one: a
// server that reads the parameters of the decoded path (Go's r.URL.Path)
// finds "/m%3Bjsessionid=<id>"'s session as it does "/m;jsessionid=<id>"'s.
func paramText(u *url.URL) string {
	p := pathText(u)
	if !strings.Contains(p, "%3") {
		return p
	}
	return strings.NewReplacer("%3B", ";", "%3b", ";", "%3D", "=", "%3d", "=").Replace(p)
}

// pathText is u's path as it is sent: the opaque part, else the escaped
// path.
func pathText(u *url.URL) string {
	if u.Opaque != "" {
		return u.Opaque
	}
	return u.EscapedPath()
}

// RedactPath replaces in u the value of every ';' path parameter whose
// name Secret reports (see pathHasSecret) with Redacted, Path and RawPath
// alike; u is left as it is when there is none.
func (k Keys) RedactPath(u *url.URL) {
	if !k.pathHasSecret(u) {
		return
	}
	if u.Opaque != "" {
		u.Opaque = k.pathParams(u.Opaque)
		return
	}
	u.RawPath = k.pathParams(u.EscapedPath())
	if p, err := url.PathUnescape(u.RawPath); err == nil {
		u.Path = p
	}
}

// pathParams returns p, a path (escaped, or the text of a URL up to its
// query), with the value of every ';' parameter of a segment whose name
// Secret reports replaced by Redacted, and of every secret parameter of a
// query escaped in it, once or more (/cb%3Ftoken%3D…, /cb%253Ftoken%253D…:
// escapedParams; /cb%3Ftoken=…, as url.PathEscape writes it:
// escapedQueryParams); p itself when there is none.
func (k Keys) pathParams(p string) string {
	return k.escapedQueryParams(k.escapedParams(k.semicolonParams(p), false))
}

// semicolonParams is pathParams for the ';' parameters alone.
func (k Keys) semicolonParams(p string) string {
	if strings.IndexByte(p, ';') < 0 {
		return p
	}
	var b strings.Builder
	changed := false
	for i, seg := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		params := strings.Split(seg, ";")
		b.WriteString(params[0])
		for _, prm := range params[1:] {
			b.WriteByte(';')
			name, _, hasValue := strings.Cut(prm, "=")
			if n, err := url.PathUnescape(name); err == nil {
				name = n
			}
			if hasValue && k.Secret(name) {
				b.WriteString(prm[:strings.IndexByte(prm, '=')+1])
				b.WriteString(Redacted)
				changed = true
				continue
			}
			b.WriteString(prm)
		}
	}
	if !changed {
		return p
	}
	return b.String()
}

// EscapeControls percent-encodes the ASCII control bytes (C0 and DEL) of
// s, upper-case hex as fetch's URL parser writes them: a redacted URL's
// text, and an Option URL before url.Parse (client.Client.resolve).
func EscapeControls(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
	if i < 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+8)
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// Bare returns a URL in text form without its userinfo, query and
// fragment, and with the values of its secret-named ';' path parameters
// (a servlet container's ";jsessionid=") redacted, with no parsing: a
// cheap readable label (a store key's prefix) that holds no secret but the
// path.
func Bare(raw string) string {
	before, _, _ := strings.Cut(stripUserinfo(raw), "#")
	before, _, _ = strings.Cut(before, "?")
	return Keys(nil).pathParams(before)
}

// stripUserinfo removes "user:password@" from a URL in text form that did
// not parse: everything between "//" and the last "@" of the text. A
// password may hold a raw '/', '?' or '#' (base64 does), so the authority's
// usual end is not trusted; an '@' in the query or fragment costs the host
// and path too, which a URL that does not parse can spare.
func stripUserinfo(raw string) string {
	if strings.IndexByte(raw, '@') < 0 {
		return raw // the usual URL: no userinfo possible
	}
	i := strings.Index(raw, "//")
	if i < 0 {
		return raw
	}
	at := strings.LastIndexByte(raw[i+2:], '@')
	if at < 0 {
		return raw
	}
	return raw[:i+2] + raw[i+2+at+1:]
}

// hostlessUserinfo reports whether u, of a scheme that has an authority
// (http, https, ws, wss, ftp), was written without its "//" but with an
// '@': url.Parse reads "http:alice:pw@host/x", "http:/alice:pw@host" or
// "http:\\alice:pw@host" as a URL without host or userinfo, where a
// browser reads the userinfo all the same.
func hostlessUserinfo(u *url.URL) bool {
	if !authorityScheme(strings.ToLower(u.Scheme)) {
		return false
	}
	if u.Host == "" {
		return u.User == nil && strings.IndexByte(u.Opaque+u.Path, '@') >= 0
	}
	// An opaque part set by a caller that is an authority and a path
	// ("//u:pw@host/p": net/http sends it as the request target) is
	// printed after the scheme as it is, whatever User and Host say: its
	// userinfo with it, however a browser finds it after the two slashes
	// ("///u:pw@h", "/\\u:pw@h", a password with a raw '/'). One with a
	// single slash is a raw path ("/users/@me"), sent as it is.
	o := u.Opaque
	return len(o) > 2 && isSlash(o[0]) && isSlash(o[1]) && strings.IndexByte(o, '@') >= 0
}

// schemelessUserinfo reports whether u is "user:password@host/path", a URL
// written without its scheme, which url.Parse reads as one of scheme "user"
// whose opaque part starts with the password: an opaque part with an '@'
// (a scheme with an authority is hostlessUserinfo's; one whose '@' is an
// address's, mailto:bob@example.com, is kept). It is never sent (its scheme
// is refused), but its text goes into errors.
func schemelessUserinfo(u *url.URL) bool {
	if u.Host != "" || u.Scheme == "" || strings.IndexByte(u.Opaque, '@') < 0 {
		return false
	}
	switch s := strings.ToLower(u.Scheme); {
	case authorityScheme(s):
		return false
	case s == "mailto", s == "acct", s == "xmpp", s == "sip", s == "sips", s == "im", s == "pres", s == "news":
		return false // an address
	}
	return true
}

// schemelessText is raw, a URL in text form that did not parse, without
// what precedes its last '@' when it reads as schemelessUserinfo's
// "user:password@host/path" (no "//" after the "scheme:").
func schemelessText(raw string) string {
	i := strings.IndexByte(raw, ':')
	at := strings.LastIndexByte(raw, '@')
	if i <= 0 || at < i || strings.HasPrefix(raw[i+1:], "//") {
		return raw
	}
	for j := 0; j < i; j++ {
		if c := lower(raw[j]); !isSchemeChar(c) || j == 0 && !isLetter(c) {
			return raw
		}
	}
	u := url.URL{Scheme: raw[:i], Opaque: raw[i+1:]}
	if !schemelessUserinfo(&u) {
		return raw
	}
	return raw[at+1:]
}

// hasUserinfo reports whether raw, a URL in text form, may hold userinfo:
// an '@' after its "//".
func hasUserinfo(raw string) bool {
	i := strings.Index(raw, "//")
	return i >= 0 && strings.IndexByte(raw[i+2:], '@') >= 0
}

// URL returns u redacted by the default rules: no userinfo, no fragment,
// secret-looking query values masked. Every URL that leaves the library in
// text (an error, an event, a log record, a span) goes through it.
func URL(u *url.URL) string { return Keys(nil).URL(u) }

// String is URL for a URL in text form, parsable or not.
func String(raw string) string { return Keys(nil).String(raw) }
