package credential

import (
	"encoding/base64"
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// schemeCredentials redacts, in s, a header's value, the credentials of
// an Authorization value written in it (a gateway's copy under a name of
// its own, a debug text): the token68 after "Bearer ", "DPoP " or "Token "
// (Django REST framework's, GitHub's older one), when it looks like one
// (six bytes or more, with a digit or a sign: "the bearer of this" is
// prose), and after "Basic " one that decodes to user:password.
func schemeCredentials(s string) string {
	sp := splice{s: s}
	for i := 0; i < len(s); i++ {
		scheme := schemeAt(s, i)
		if scheme == "" {
			continue
		}
		t := skipBlanks(s, i+len(scheme))
		if t == i+len(scheme) {
			continue // no blank after the word
		}
		end := t
		for end < len(s) && (isAlnum(s[end]) || strings.IndexByte("-._~+/", s[end]) >= 0) {
			end++
		}
		for end < len(s) && s[end] == '=' {
			end++
		}
		tok := s[t:end]
		if name, ok := authParamName(s, tok, end); ok {
			// A challenge's parameter (realm="x"), not a token68: its
			// value is redacted when its name is secret.
			if !SecretName(name) {
				i = max(i, t-1)
				continue
			}
			vStart, vEnd := paramValue(s, end)
			sp.replace(vStart, vEnd, Redacted)
			i = max(vEnd-1, i)
			continue
		}
		if !schemeCredential(scheme, tok) {
			i = max(i, t-1)
			continue
		}
		sp.replace(t, end, Redacted)
		i = end - 1
	}
	return sp.String()
}

// authParamName is the name of the auth-param tok starts (realm in
// `realm="x"`, as a copied WWW-Authenticate has it) when tok, read as a
// token68 up to s[end], is one: a word of letters, '_' and '-' with one
// '=', a value right after it (a quoted one after a lower-case name). A token68 ends at its padding, so nothing
// follows it but a blank, a separator or the value's end.
func authParamName(s, tok string, end int) (string, bool) {
	if end >= len(s) || len(tok) < 2 || tok[len(tok)-1] != '=' || tok[len(tok)-2] == '=' ||
		s[end] != '"' && !isAlnum(s[end]) && strings.IndexByte("!#$%&'*+-.^_`|~", s[end]) < 0 {
		return "", false
	}
	// Before a quote, a token68 of letters with one '=' (a quoted copy,
	// "Bearer aGVsbG8=") may end there too: only a lower-case name, as
	// every registered auth-param's is, is a parameter's.
	quoted := s[end] == '"'
	name := tok[:len(tok)-1]
	for i := range len(name) {
		c := name[i]
		if quoted && 'A' <= c && c <= 'Z' {
			return "", false
		}
		if c |= 0x20; (c < 'a' || c > 'z') && name[i] != '_' && name[i] != '-' {
			return "", false
		}
	}
	return name, true
}

// paramValue is where the auth-param value at s[start] is: inside its
// quotes, or to the next blank, ',' or ';'.
func paramValue(s string, start int) (from, to int) {
	if s[start] == '"' {
		n, closed := optiontext.QuotedString(s[start:])
		if closed {
			n--
		}
		return start + 1, start + n
	}
	end := start
	for end < len(s) && strings.IndexByte(" \t,;", s[end]) < 0 {
		end++
	}
	return start, end
}

// schemes are the authentication schemes whose credentials
// schemeCredentials finds in text: Elastic's ApiKey,
// django-rest-framework-api-key's Api-Key, Salesforce's and Google's
// older OAuth and Okta's SSWS carry a token as Bearer does (keyedSchemes).
var schemes = []string{"bearer", "dpop", "basic", "token", "apikey", "api-key", "oauth", "ssws"}

// keyedSchemes are the schemes of schemes whose names are words of prose
// too ("OAuth 2.0 client-credentials"): their token has minVendorSecret
// bytes at least, a digit among them.
var keyedSchemes = []string{"apikey", "api-key", "oauth", "ssws"}

// schemeAt is the scheme (schemes) whose name starts a word at s[i], or "".
func schemeAt(s string, i int) string {
	if c := s[i] | 0x20; c != 'b' && c != 'd' && c != 't' && c != 'a' && c != 'o' && c != 's' || i > 0 && isAlnum(s[i-1]) {
		return ""
	}
	for _, w := range schemes {
		if hasPrefixFold(s[i:], w) {
			return w
		}
	}
	return ""
}

// mayHoldScheme reports whether a scheme's name starts a word of s.
func mayHoldScheme(s string) bool {
	for i := range len(s) {
		if schemeAt(s, i) != "" {
			return true
		}
	}
	return false
}

// schemeCredential reports whether tok, the token68 after an
// authentication scheme's name, is a credential.
func schemeCredential(scheme, tok string) bool {
	if len(tok) < 6 || tok == Redacted {
		return false
	}
	if isWordOf(scheme, keyedSchemes) {
		return len(tok) >= minVendorSecret && strings.ContainsAny(tok, "0123456789")
	}
	if scheme == "basic" {
		d, err := base64.StdEncoding.DecodeString(tok)
		return err == nil && strings.IndexByte(string(d), ':') > 0
	}
	return strings.ContainsAny(tok, "0123456789-._~+/=")
}

// subprotocols redacts each subprotocol of a Sec-WebSocket-Protocol value
// whose name looks secret (SecretName): a browser's WebSocket cannot set
// Authorization, so a token is sent as one (Kubernetes'
// base64url.bearer.authorization.k8s.io.<token>, access_token.<JWT>).
func subprotocols(v string) string {
	if !SecretName(v) {
		return v
	}
	items := strings.Split(v, ",")
	for i, it := range items {
		if name := strings.TrimSpace(it); name != "" && name != Redacted && SecretName(name) {
			items[i] = it[:strings.Index(it, name)] + Redacted + it[strings.Index(it, name)+len(name):]
		}
	}
	return strings.Join(items, ",")
}

// digestResponses redacts, in s, a header's value, the response of every
// Digest credential written in it (RFC 7616: an Authorization value
// copied under another name): the hash of the password with the nonce,
// from which a dictionary attack reads the password. Its auth-params are
// read after "Digest" and blanks, name=value (quoted or not) separated by
// ',' and blanks, up to the first that is none.
func digestResponses(s string) string {
	sp := splice{s: s}
	for i := 0; i+len("digest") < len(s); i++ {
		if s[i]|0x20 != 'd' || i > 0 && isAlnum(s[i-1]) || !hasPrefixFold(s[i:], "digest") {
			continue
		}
		p := skipBlanks(s, i+len("digest"))
		if p == i+len("digest") {
			continue // no blank after the word
		}
		for p < len(s) {
			n := p
			for n < len(s) && (isAlnum(s[n]) || s[n] == '_' || s[n] == '-') {
				n++
			}
			if n == p || n+1 >= len(s) || s[n] != '=' {
				break
			}
			from, to := paramValue(s, n+1)
			if strings.EqualFold(s[p:n], "response") && from < to && s[from:to] != Redacted {
				sp.replace(from, to, Redacted)
			}
			if to < len(s) && s[to] == '"' {
				to++ // the closing quote
			}
			p = skipBlanks(s, to)
			if p >= len(s) || s[p] != ',' {
				break
			}
			p = skipBlanks(s, p+1)
		}
		i = max(i, p-1)
	}
	return sp.String()
}
