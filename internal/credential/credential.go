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
// code_verifier (PKCE's secret), oauth_verifier, X-Shopify-Hmac-Sha256,
// X-Csrf-Token, X-XSRF-TOKEN, SAMLResponse, PHPSESSID...
var secretWords = []string{"token", "key", "secret", "password", "passwd", "pwd", "sig", "auth", "credential",
	"session", "jwt", "assertion", "bearer", "dpop", "ticket", "verifier", "hmac", "csrf", "xsrf", "saml", "sessid"}

// secretWholeNames are secret only as the whole name, case-insensitively:
// "code" is OAuth's authorization code (?code=... on the redirect back), but
// country_code, zip_code or X-Error-Code hold none.
var secretWholeNames = []string{"code"}

// secretWordNames are secret as one word of the name, case-insensitively
// (words are split at any byte that is not a letter or a digit, and where a
// capital starts a word: userPass, OTPCode): X-Pass, X-Otp, user_pin,
// X-Passphrase, mfaPasscode, X-OTPCode, pw, user_pw, sid, connect.sid (a
// session id). As substrings they would reach bypass, compass, shipping,
// spinner, side or inside.
var secretWordNames = []string{"pass", "passphrase", "passcode", "pin", "otp", "totp", "pw", "sid"}

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

// SecretField is Secret for a field of a recorded body (a JSON member, a
// form field, a multipart part): a cookie's name counts too (Cookie,
// Cookies, Set-Cookie: an echo of the request's headers, httpbin's
// /headers or /cookies, holds the session the header's redaction hid). A
// query parameter so named is data (a consent flag), not a secret.
func (k Keys) SecretField(name string) bool {
	return k.withCookies().Secret(name)
}

// SecretName reports whether a header or query parameter name looks secret:
// it contains, in any case, one of token, key, secret, password, passwd,
// pwd, sig, auth, credential, session, jwt, assertion, bearer, dpop,
// ticket, verifier, hmac, csrf, xsrf, saml or sessid, or one of its words
// is pass, passphrase, passcode, pin, otp, totp, pw or sid, or it is code.
// It does not allocate.
func SecretName(name string) bool {
	for _, w := range secretWholeNames {
		if len(name) == len(w) && hasPrefixFold(name, w) {
			return true
		}
	}
	if hasSecretWord(name) {
		return true
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

// hasSecretWord reports whether one of name's words is in secretWordNames.
func hasSecretWord(name string) bool {
	start := 0
	for i := 0; i <= len(name); i++ {
		end := i == len(name) || !isAlnum(name[i])
		if !end && (i == start || !isUpperByte(name[i]) || !camelBoundary(name, i)) {
			continue
		}
		if w := name[start:i]; len(w) >= 2 {
			for _, sw := range secretWordNames {
				if len(w) == len(sw) && hasPrefixFold(w, sw) {
					return true
				}
			}
		}
		if start = i; end {
			start = i + 1
		}
	}
	return false
}

// camelBoundary reports whether the upper-case letter at name[i] starts a
// word: after a lower-case letter or a digit (userPass), or as the last
// letter of an acronym before a lower-case one (OTPCode: OTP, Code).
func camelBoundary(name string, i int) bool {
	prev := name[i-1]
	return isLowerByte(prev) || '0' <= prev && prev <= '9' ||
		isUpperByte(prev) && i+1 < len(name) && isLowerByte(name[i+1])
}

func isAlnum(c byte) bool     { return isLowerByte(c) || isUpperByte(c) || '0' <= c && c <= '9' }
func isLowerByte(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }

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
	if u.User == nil && u.Fragment == "" && !k.queryHasSecret(u.RawQuery) && !hostlessUserinfo(u) && !k.pathHasSecret(u) {
		return u.String() // the common case: one allocation, no copy
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", ""
	c.RawQuery = k.Query(c.RawQuery)
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
	if u.User == nil && u.Fragment == "" && !Keys(nil).queryHasSecret(u.RawQuery) && !hostlessUserinfo(u) &&
		!Keys(nil).pathHasSecret(u) {
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
		// http:/u:p@h/%zz has no "//" for Bare to find. A CR or LF is
		// what made many such texts fail: escaped, it cannot start a
		// forged line where the text is printed.
		return escapeControls(k.pathParams(Bare(withoutUserinfo(raw))))
	}
	return k.URL(u)
}

// pathHasSecret reports whether a segment of u's path has a parameter
// (after ';', as RFC 3986 allows and servlet containers use) whose name
// looks secret: Tomcat's ";jsessionid=<id>", the session of a client
// without cookies, which Text already redacts in free text.
func (k Keys) pathHasSecret(u *url.URL) bool {
	if u.Opaque != "" {
		// What String writes in place of the path ("http:h/a;…", or a
		// layer's "//h/a;…" sent unescaped): its parameters too.
		return strings.IndexByte(u.Opaque, ';') >= 0 && k.pathParams(u.Opaque) != u.Opaque
	}
	if strings.IndexByte(u.Path, ';') < 0 && strings.IndexByte(u.RawPath, ';') < 0 {
		return false // the common case: no path parameter at all
	}
	p := u.EscapedPath()
	return k.pathParams(p) != p
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
// Secret reports replaced by Redacted; p itself when there is none.
func (k Keys) pathParams(p string) string {
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

// escapeControls percent-encodes the ASCII control bytes of s.
func escapeControls(s string) string {
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
// Redacted, leaving the rest as it is.
func (k Keys) Query(raw string) string {
	if raw == "" || !k.queryHasSecret(raw) {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, sep, secret, ok := w.next()
		if !ok {
			return b.String()
		}
		if name, _, hasValue := strings.Cut(p, "="); hasValue && secret {
			p = name + "=" + Redacted
		}
		b.WriteString(p)
		b.WriteString(sep)
	}
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
// a bracket; a parameter of any name whose value is JSON with a secret
// member (secretValue) is replaced too, raw JSON up to where it ends.
func (k Keys) Text(s string) string {
	s = withoutURLErrorHosts(withoutUserinfo(s))
	var b strings.Builder
	done := 0
	// A value read past the usual stops (JSON, raw or escaped) is read so
	// at most once over any stretch of s: the cost stays linear.
	readLong, nextAmp, nextStop, judged := 0, -1, -1, 0
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		j := i
		// A name runs back to the '?', '&', ';' or '#' before it, brackets
		// and parentheses included (user[password]=, access_token[]=,
		// auth(token)=: the query's own reading of it).
		for j > 0 && !strings.ContainsRune("?&;#=\"' \t\r\n<>{},", rune(s[j-1])) {
			j--
		}
		if j == 0 || j == i || !strings.ContainsRune("?&;#", rune(s[j-1])) {
			continue
		}
		secret := k.Secret(unescape(s[j:i]))
		var end int
		if secret {
			end = secretEnd(s, i+1)
		} else {
			if nextStop <= i { // the first stop from i+1 on, found once per stretch: linear
				nextStop = valueEnd(s, i+1, "&;#\"'\\ \t\r\n()<>[]{}")
			}
			end = nextStop
		}
		if !secret && i+1 >= readLong && i+1 < len(s) {
			if c := s[i+1]; c == '{' || c == '[' {
				// A value written as raw JSON (filter={"api_key":…})
				// ends where the JSON does; it is read within its
				// '&'-span (an open string cannot run on into the next
				// parameter). One that does not parse (its quotes
				// escaped, {%22api_key%22:…}) is judged to where a
				// secret's value would end, failing closed.
				if nextAmp <= i {
					nextAmp = valueEnd(s, i+1, "&") // once per span: linear
				}
				n, read := rawJSONLen(s[i+1 : nextAmp])
				readLong = i + 1 + read
				if n > 0 {
					if k.secretValue(s[i+1 : i+1+n]) {
						secret, end = true, i+1+n
					}
				} else {
					e := rawEnd(s, i+1)
					readLong = max(readLong, e)
					if k.secretValue(s[i+1 : e]) {
						secret, end = true, e
					}
				}
			} else if mayBeJSON(s[i+1:]) {
				// Escaped as encodeURIComponent escapes JSON, which keeps
				// ' ( ) raw: it ends at a byte that is escaped.
				long := valueEnd(s, i+1, "&#\"\\ \t\r\n<>")
				if readLong = long; k.secretValue(s[i+1 : long]) {
					secret, end = true, long
				}
			}
		}
		if !secret && i+1 >= judged {
			secret, judged = k.secretValue(s[i+1:end]), end // once per stretch: linear
		}
		if !secret || end == i+1 || s[i+1:end] == Redacted {
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

// secretEnd is where a secret's value starting at s[i] ends in free text:
// at '&', '#', white space or a '"' (a quoted URL's end, or a
// %q-escaped \" that ends one quoted twice: before ':', ',', ')', a quote,
// space or the end), or at a '<' or '>' after its first byte (markup
// around it); not at ';' (see paramWalker), at what encodeURIComponent
// leaves raw (( ) ') or at a quote %q escaped inside the value (\" then
// more of it).
func secretEnd(s string, i int) int {
	for start := i; i < len(s); i++ {
		switch s[i] {
		case '&', '#', ' ', '\t', '\r', '\n':
			return i
		case '<', '>':
			if i > start { // markup after the value (</URL>); one that starts it is the value's
				return i
			}
		case '"':
			if s[i-1] != '\\' {
				return i
			}
			if i+1 == len(s) || strings.IndexByte(":,)\"' \t\r\n", s[i+1]) >= 0 {
				return i - 1
			}
		}
	}
	return len(s)
}

// rawEnd is where raw JSON that does not parse, starting at s[i], ends in
// free text: at '&' or a '"' that %q did not escape, and, unless its
// quotes are escaped ({\"api_key\": …}, an error quoted once more), at
// '#', white space, '<' or '>'. Escaped, it ends where its brackets close
// (the message after it is kept).
func rawEnd(s string, i int) int {
	quoted, inString, depth := false, false, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&':
			return i
		case c == '"' && s[i-1] != '\\':
			return i
		case c == '"':
			quoted, inString = true, !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth <= 0 && quoted {
				return i + 1
			}
		case c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>':
			if !quoted {
				return i
			}
		}
	}
	return len(s)
}

// valueEnd is the index of the first byte of s from i on that is in stop,
// or len(s).
func valueEnd(s string, i int, stop string) int {
	if n := strings.IndexAny(s[i:], stop); n >= 0 {
		return i + n
	}
	return len(s)
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
// may hold a space. See cutUserinfo for what is cut. The first URLs of a
// word are judged by all of its text (a password may hold ",http://"); past
// fullReads of them, a URL is judged by its own text up to the next URL, so
// that a word of many URLs (a hostile Location) costs linear time.
func withoutUserinfo(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s // the usual text
	}
	var b strings.Builder
	done := 0
	var w textSpans
	wordEnd, reads := -1, 0
	start, rest, relative := nextURL(s, 0)
	for start >= 0 {
		next, nextRest, nextRelative := nextURL(s, rest)
		end, lastAt := w.of(s, start)
		if end != wordEnd {
			wordEnd, reads = end, 0
		}
		if lastAt >= rest { // else no '@' after the scheme in this URL's text: nothing to cut
			text := s[start:end]
			if reads++; reads > fullReads && next >= 0 && next < end {
				text = s[start:next]
			}
			if from, to, ok := cutUserinfo(text, rest-start, relative); ok {
				b.WriteString(s[done : start+from])
				done = start + to
				if next >= 0 && next < done {
					next, nextRest, nextRelative = nextURL(s, done)
				}
			}
		}
		start, rest, relative = next, nextRest, nextRelative
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// fullReads is how many URLs of one word are judged by all of its text.
const fullReads = 8

// withoutURLErrorHosts redacts what net/url's errors quote of a URL whose
// authority it refused: the authority of `parse "URL": invalid port …`
// (and the other refusals refusedAuthority knows), and the port it quotes. A '#' in
// a password ends the authority for net/url, so such a URL has no '@' left
// and its "host" and "port" are the user and the password.
func withoutURLErrorHosts(s string) string {
	const open = `parse "`
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	done := 0
	for i := 0; ; {
		k := strings.Index(s[i:], open)
		if k < 0 {
			break
		}
		q := i + k + len(open)
		e := closingQuote(s, q)
		if e < 0 {
			break
		}
		msg := s[e+1:]
		if refusedAuthority(msg) {
			b.WriteString(s[done:authorityStart(s[:e], q)])
			done = e
			if strings.HasPrefix(msg, `: invalid port "`) {
				p := e + 1 + len(`: invalid port "`)
				if pe := closingQuote(s, p); pe >= 0 {
					b.WriteString(s[done:p])
					b.WriteString(Redacted)
					done = pe
				}
			}
		}
		i = e + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// refusedAuthority reports whether msg, what follows a URL net/url quotes
// in its error, says it refused the URL's authority. (A relative reference
// whose first segment holds a colon is refused too, but that is the common
// "host:port" mistake: its text is kept.)
func refusedAuthority(msg string) bool {
	for _, m := range [...]string{`: invalid port "`, ": invalid IP-literal", ": net/url: invalid userinfo",
		": invalid userinfo", ": missing ']' in host"} {
		if strings.HasPrefix(msg, m) {
			return true
		}
	}
	return false
}

// closingQuote returns the index of the quote that closes a %q string whose
// text starts at i (escapes skipped), or -1.
func closingQuote(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
		case '"':
			return i
		default:
			i++
		}
	}
	return -1
}

// authorityStart returns where the authority of the URL text s[i:] starts:
// after its scheme's ':' (if any) and the slashes.
func authorityStart(s string, i int) int {
	j := i
	for j < len(s) && isSchemeChar(lower(s[j])) {
		j++
	}
	if j > i && j < len(s) && s[j] == ':' && isLetter(s[i]) {
		i = j + 1
	}
	for i < len(s) && isSlash(s[i]) {
		i++
	}
	return i
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
	if w.quotedEnd > 0 && start > w.quotedFrom && start < w.quotedEnd {
		return w.quotedEnd, w.quotedAt // a URL nested in a quoted one ends with it
	}
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

// lastIndexFrom is the index of the last c in s at or after from, or -1.
func lastIndexFrom(s string, from int, c byte) int {
	if i := strings.LastIndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
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
// '@', since a password may hold a raw '/' or '#'. A scheme-relative one is
// read so only when its first segment holds a ':' or an '@' (a
// "user:password"): "//nas/share/a@b%zz" is a path, not a URL.
func cutUserinfo(raw string, from int, relative bool) (start, end int, ok bool) {
	rest := raw[from:]
	first := rest
	if k := strings.IndexAny(first, "/?#\\"); k >= 0 {
		first = first[:k]
	}
	if relative && strings.IndexAny(first, ":@") < 0 {
		return 0, 0, false
	}
	var at int
	if u, err := url.Parse(raw); err == nil && (u.Host != "" || relative) {
		at = strings.LastIndexByte(first, '@')
	} else if err == nil {
		// No host where browsers read one ("http:u:p#x@h", "http:///u:p@h"):
		// the last '@' before the query ends the userinfo.
		q := rest
		if k := strings.IndexByte(q, '?'); k >= 0 {
			q = q[:k]
		}
		at = strings.LastIndexByte(q, '@')
	} else {
		at = strings.LastIndexByte(rest, '@')
	}
	if at < 0 {
		return 0, 0, false
	}
	return from, from + at + 1, true
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
