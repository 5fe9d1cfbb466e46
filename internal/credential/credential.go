// Package credential is the one credential model of taroreq: which headers
// and query parameters are secret, what an origin is, and how URLs, errors
// and headers are redacted before they reach a span, a log line, an error,
// a key or a recording. Every layer uses it.
package credential

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Redacted replaces every secret value.
const Redacted = "REDACTED"

// secretWords make a query parameter name secret-looking when the name
// contains one of them, case-insensitively: token, access_token, key,
// api_key, password, secret, signature, sig, auth, X-Amz-Signature,
// X-Jwt-Assertion, client_assertion, DPoP, X-Bearer, pwd, service_ticket,
// code_verifier (PKCE's secret), oauth_verifier...
var secretWords = []string{"token", "key", "secret", "password", "passwd", "pwd", "sig", "auth", "credential",
	"session", "jwt", "assertion", "bearer", "dpop", "ticket", "verifier"}

// secretWholeNames are secret only as the whole name, case-insensitively:
// "code" is OAuth's authorization code (?code=... on the redirect back), but
// country_code, zip_code or X-Error-Code hold none.
var secretWholeNames = []string{"code"}

// wordsAt lists secretWords by their first byte, without it; read-only
// once built.
var wordsAt = func() (at [256][]string) {
	for _, w := range secretWords {
		at[w[0]] = append(at[w[0]], w[1:])
	}
	return at
}()

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

// Secret reports whether a query parameter named name must be redacted:
// a name of k, or a secret-looking one (see SecretName).
func (k Keys) Secret(name string) bool {
	if len(k) > 0 && k[strings.ToLower(name)] {
		return true
	}
	return SecretName(name)
}

// SecretName reports whether a header or query parameter name looks secret:
// it contains, in any case, one of token, key, secret, password, passwd,
// pwd, sig, auth, credential, session, jwt, assertion, bearer, dpop,
// ticket or verifier, or it is code. It does not allocate.
func SecretName(name string) bool {
	for _, w := range secretWholeNames {
		if len(name) == len(w) && hasPrefixFold(name, w) {
			return true
		}
	}
	// One pass over the name: only the words that start with the byte at
	// hand are compared (this runs for every header of every request that
	// the store or the HTTP cache partitions).
	for i := 0; i < len(name); i++ {
		for _, rest := range wordsAt[lower(name[i])] {
			if hasPrefixFold(name[i+1:], rest) {
				return true
			}
		}
	}
	return false
}

func hasPrefixFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if lower(s[j]) != w[j] {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// URL returns u without userinfo and fragment, with the value of every
// secret query parameter replaced by Redacted; the rest of the query is kept
// byte for byte. A nil u gives "".
func (k Keys) URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil && u.Fragment == "" && !k.queryHasSecret(u.RawQuery) && !hostlessUserinfo(u) {
		return u.String() // the common case: one allocation, no copy
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	c.RawQuery = k.Query(c.RawQuery)
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
	if u.User == nil && u.Fragment == "" && !Keys(nil).queryHasSecret(u.RawQuery) && !hostlessUserinfo(u) {
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
	u, err := url.Parse(raw)
	if err != nil {
		return Bare(withoutUserinfo(raw)) // http:/u:p@h/%zz has no "//" for Bare to find
	}
	return k.URL(u)
}

// Bare returns a URL in text form without its userinfo, query and
// fragment, with no parsing: a cheap readable label (a store key's prefix)
// that holds no secret but the path.
func Bare(raw string) string {
	before, _, _ := strings.Cut(stripUserinfo(raw), "#")
	before, _, _ = strings.Cut(before, "?")
	return before
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
	return u.Host == "" && u.User == nil && strings.IndexByte(u.Opaque+u.Path, '@') >= 0 &&
		authorityScheme(strings.ToLower(u.Scheme))
}

// hasUserinfo reports whether raw, a URL in text form, may hold userinfo:
// an '@' after its "//".
func hasUserinfo(raw string) bool {
	i := strings.Index(raw, "//")
	return i >= 0 && strings.IndexByte(raw[i+2:], '@') >= 0
}

// nextParam cuts the first parameter off a raw query. Both "&" and ";"
// separate parameters: some servers split on ";", so a secret after one
// must be found too.
func nextParam(raw string) (param, sep, rest string) {
	if i := strings.IndexAny(raw, "&;"); i >= 0 {
		return raw[:i], raw[i : i+1], raw[i+1:]
	}
	return raw, "", ""
}

func (k Keys) queryHasSecret(raw string) bool {
	// One pass: each name (before '=', in a parameter ended by '&' or ';')
	// is checked as it ends; only a name with an escape is unescaped.
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
	var b strings.Builder
	b.Grow(len(raw))
	for raw != "" {
		p, sep, rest := nextParam(raw)
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && k.Secret(unescape(name)) {
			p = name + "=" + Redacted
		}
		b.WriteString(p)
		b.WriteString(sep)
		raw = rest
	}
	return b.String()
}

// WithoutSecrets returns the raw query without its secret parameters (a
// name Secret reports, with a value or not) and its empty ones; the others
// are kept byte for byte, each after the separator ('&' or ';') that came
// before it. A query sent to another origin goes through it: what Query
// would mask there is not sent at all.
func (k Keys) WithoutSecrets(raw string) string {
	var b strings.Builder
	sep := ""
	for raw != "" {
		p, next, rest := nextParam(raw)
		name, _, _ := strings.Cut(p, "=")
		if p != "" && !k.Secret(unescape(name)) {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
		sep, raw = next, rest
	}
	return b.String()
}

// URL returns u redacted by the default rules: no userinfo, no fragment,
// secret-looking query values masked. Every URL that leaves the library in
// text (an error, an event, a log record, a span) goes through it.
func URL(u *url.URL) string { return Keys(nil).URL(u) }

// String is URL for a URL in text form, parsable or not.
func String(raw string) string { return Keys(nil).String(raw) }

// Error is the text of err with the URL of any *url.Error redacted.
func Error(err error) string { return Keys(nil).Error(err) }

// Error returns the text of err with the URL of any *url.Error in it
// redacted (net/http's errors quote the whole URL, query included).
func (k Keys) Error(err error) string {
	if err == nil {
		return ""
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner, named := fmt.Sprint(ue.Err), k.String(ue.URL)
		if ue.Op == "parse" && (hasUserinfo(ue.URL) || strings.Contains(inner, "invalid port")) {
			// url.Parse quotes pieces of what it could not read ("invalid
			// port \":<password>\""), which may be the userinfo's; and it
			// cuts the fragment off first, so a '#' in the password hides
			// the '@' from the URL it names: its authority is withheld too.
			inner = "malformed URL (the detail is withheld: it may quote the userinfo)"
			named = "…"
			if i := strings.Index(ue.URL, "://"); i > 0 && strings.Trim(strings.ToLower(ue.URL[:i]), "abcdefghijklmnopqrstuvwxyz0123456789+-.") == "" {
				named = ue.URL[:i+3] + "…" // the scheme alone
			}
		}
		msg := fmt.Sprintf("%s %q: %s", ue.Op, named, inner)
		if full := err.Error(); full != ue.Error() {
			// err wraps the *url.Error: keep what it adds, redacting the URL.
			return k.Text(strings.ReplaceAll(full, ue.Error(), msg))
		}
		return k.Text(msg)
	}
	return k.Text(err.Error())
}

// Text returns s, free text such as an error's, with the URLs quoted in it
// (net/http's "failed to parse Location header", a wrapped URL) redacted:
// the userinfo of every URL removed (see withoutUserinfo), and the value of
// every secret parameter (a name after '?', '&', ';' or '#', then '=')
// replaced by Redacted. The value ends at '&', ';', '#', a quote, a space or
// a bracket.
func (k Keys) Text(s string) string {
	s = withoutInvalidPorts(withoutUserinfo(s))
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		j := i
		for j > 0 && !strings.ContainsRune("?&;#=\"' \t\r\n()<>[]{},", rune(s[j-1])) {
			j--
		}
		if j == 0 || j == i || !strings.ContainsRune("?&;#", rune(s[j-1])) || !k.Secret(unescape(s[j:i])) {
			continue
		}
		end := i + 1
		for end < len(s) && !strings.ContainsRune("&;#\"'\\ \t\r\n()<>[]{}", rune(s[end])) {
			end++
		}
		if end == i+1 || s[i+1:end] == Redacted {
			continue
		}
		b.WriteString(s[done : i+1])
		b.WriteString(Redacted)
		done, i = end, end-1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// RedactError returns err with Error's text (URLs and secret values
// redacted); errors.Is and errors.As still see err through Unwrap. Nil
// stays nil, and a redacted error is returned as it is.
func RedactError(err error) error {
	if _, done := err.(redactedError); err == nil || done {
		return err
	}
	return redactedError{err}
}

type redactedError struct{ err error }

func (e redactedError) Error() string { return Error(e.err) }
func (e redactedError) Unwrap() error { return e.err }

// withoutUserinfo returns s, free text, without the userinfo of the URLs
// in it. A URL starts at its scheme ("scheme://", or "http:" and the like
// alone, which browsers read the same) or, at a word's start, at the two
// slashes of a scheme-relative one; it ends at white space, or, when it is
// quoted, at its closing quote (Go's %q escapes a quote inside): a password
// may hold a space. See cutUserinfo for what is cut. A URL whose authority
// ends before the next URL starts is judged by its own text, so that a word
// of many URLs (a hostile Location) is read in linear time; one that does
// not (a password may hold ",http://") by the whole of its text.
func withoutUserinfo(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s // the usual text
	}
	var b strings.Builder
	done := 0
	var w textSpans
	start, rest, relative := nextURL(s, 0)
	for start >= 0 {
		next, nextRest, nextRelative := nextURL(s, rest)
		end, lastAt := w.of(s, start)
		if lastAt >= rest { // else no '@' after the scheme in this URL's text: nothing to cut
			from, to, ok := 0, 0, false
			if next >= 0 && next < end {
				// Its own text first, up to the next URL: enough when it
				// parses with an authority that holds no '@'.
				if own := s[start:next]; !ownAuthorityClean(own, rest-start) {
					from, to, ok = cutUserinfo(s[start:end], rest-start, relative)
				}
			} else {
				from, to, ok = cutUserinfo(s[start:end], rest-start, relative)
			}
			if ok {
				b.WriteString(s[done : start+from])
				done = start + to
				if next >= 0 && next < done {
					next, nextRest, nextRelative = nextURL(s, done)
				}
			}
		} else if first := firstSegment(s, rest, end, next); badPort(first) {
			// No '@': a "user:password" that a '#' cut short (net/url
			// read the rest as the fragment) has no port for a number.
			b.WriteString(s[done:rest])
			done = rest + len(first)
		}
		start, rest, relative = next, nextRest, nextRelative
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// withoutInvalidPorts redacts what net/url quotes as an invalid port: the
// start of a password, when a '#' in it ended the authority.
func withoutInvalidPorts(s string) string {
	const open, close = `invalid port "`, `" after host`
	i := strings.Index(s, open)
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		j := strings.Index(s[i+len(open):], close)
		if j < 0 {
			break
		}
		b.WriteString(s[:i+len(open)])
		b.WriteString(Redacted)
		s = s[i+len(open)+j:]
		i = strings.Index(s[len(close):], open)
		if i >= 0 {
			i += len(close)
		}
	}
	b.WriteString(s)
	return b.String()
}

// textSpans remembers where the text of the last URLs ended, and its last
// '@', so that the URLs of one word share one scan.
type textSpans struct {
	plainFrom, plainEnd, plainAt    int // the last unquoted text
	quotedFrom, quotedEnd, quotedAt int // the last quoted text
}

// of returns where the text of the URL at start ends, and the index of its
// last '@' (-1 if none).
func (w *textSpans) of(s string, start int) (end, lastAt int) {
	if start > 0 && s[start-1] == '"' {
		if w.quotedEnd == 0 || start <= w.quotedFrom || start >= w.quotedEnd {
			end = start
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end, len(s))
			w.quotedFrom, w.quotedEnd, w.quotedAt = start, end, lastIndexFrom(s[:end], start, '@')
		}
		return w.quotedEnd, w.quotedAt
	}
	if w.plainEnd == 0 || start < w.plainFrom || start >= w.plainEnd {
		end = start
		for end < len(s) && !strings.ContainsRune(" \t\r\n\"'<>`", rune(s[end])) {
			end++
		}
		w.plainFrom, w.plainEnd, w.plainAt = start, end, lastIndexFrom(s[:end], start, '@')
	}
	return w.plainEnd, w.plainAt
}

// firstSegment is s from i to the first '/', '?', '#' or '\\', bounded by
// end and by next (the next URL's start, if any).
func firstSegment(s string, i, end, next int) string {
	if next >= 0 && next < end {
		end = next
	}
	if k := strings.IndexAny(s[i:end], "/?#\\"); k >= 0 {
		end = i + k
	}
	return s[i:end]
}

// lastIndexFrom is the index of the last c in s at or after from, or -1.
func lastIndexFrom(s string, from int, c byte) int {
	if i := strings.LastIndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// ownAuthorityClean reports whether raw, a URL's text up to the next URL,
// parses with an authority (from userinfo on) that holds no '@'.
func ownAuthorityClean(raw string, userinfo int) bool {
	if _, err := url.Parse(raw); err != nil {
		return false
	}
	auth := raw[userinfo:]
	if k := strings.IndexAny(auth, "/?#\\"); k >= 0 {
		auth = auth[:k]
	}
	return strings.IndexByte(auth, '@') < 0
}

// nextURL finds the next URL in s from i: where it starts, and where its
// userinfo would (after the scheme's ':' and any slashes), or -1; relative
// says it is scheme-relative ("//user:pass@host/…", as a Location may be,
// with either slash a backslash as browsers read it), at a word's start,
// its userinfo after the slashes.
func nextURL(s string, i int) (start, userinfo int, relative bool) {
	for ; i < len(s); i++ {
		if isSlash(s[i]) && i+1 < len(s) && isSlash(s[i+1]) && (i == 0 || strings.IndexByte(" \t\r\n\"'<>(=,;", s[i-1]) >= 0) {
			k := i
			for k < len(s) && isSlash(s[k]) { // "\\\\" too: %q's two backslashes
				k++
			}
			if k < len(s) && strings.IndexByte(" \t\r\n", s[k]) < 0 { // "// a comment" is none
				return i, k, true
			}
			i = k - 1
			continue
		}
		if s[i] != ':' {
			continue
		}
		j := i
		for j > 0 && isSchemeChar(lower(s[j-1])) {
			j--
		}
		if j == i || !isLetter(s[j]) {
			continue
		}
		scheme := strings.ToLower(s[j:i])
		if !strings.HasPrefix(s[i:], "://") && !authorityScheme(scheme) {
			continue
		}
		k := i + 1
		for k < len(s) && isSlash(s[k]) {
			k++
		}
		return j, k, false
	}
	return -1, 0, false
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// cutUserinfo returns the span of the userinfo and its '@' in raw, a URL
// whose userinfo would start at from. A URL that parses has the userinfo
// that its authority (up to the first '/', '?' or '#') holds; one that does
// not parse (a Location net/http refused) has everything up to its last
// '@', since a password may hold a raw '/' or '#', and a first segment
// with a port that is no number and no '@' is a "user:password" cut at a
// '#' (net/url reads what follows as the fragment). A scheme-relative one
// that does not parse is read so only when its first segment holds a ':'
// (a "user:password"): "//nas/share/a@b%zz" is a path, not a URL.
func cutUserinfo(raw string, from int, relative bool) (start, end int, ok bool) {
	rest := raw[from:]
	first := rest
	if k := strings.IndexAny(first, "/?#\\"); k >= 0 {
		first = first[:k]
	}
	var at int
	if _, err := url.Parse(raw); err == nil {
		at = strings.LastIndexByte(first, '@')
	} else if relative && strings.IndexByte(first, '@') < 0 && strings.IndexByte(first, ':') < 0 {
		return 0, 0, false
	} else {
		at = strings.LastIndexByte(rest, '@')
		if at < 0 && badPort(first) {
			return from, from + len(first), true
		}
	}
	if at < 0 {
		return 0, 0, false
	}
	return from, from + at + 1, true
}

// badPort reports whether authority, which holds no '@', ends in a ':' and
// something that is no port number.
func badPort(authority string) bool {
	i := strings.LastIndexByte(authority, ':')
	if i < 0 || strings.HasSuffix(authority, "]") {
		return false
	}
	for _, c := range []byte(authority[i+1:]) {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

// authorityScheme reports whether a scheme has an authority (browsers
// read "http:u:p@h" as "http://u:p@h").
func authorityScheme(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
		return true
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= lower(c) && lower(c) <= 'z' }

func isSchemeChar(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}
