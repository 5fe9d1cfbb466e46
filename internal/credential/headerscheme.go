package credential

import (
	"encoding/base64"
	"strings"
)

// schemeCredentials redacts, in s, a header's value, the credentials of
// an Authorization value written in it (a gateway's copy under a name of
// its own, a debug text): the token68 after "Bearer " or "DPoP ", when it
// looks like one (six bytes or more, with a digit or a sign: "the bearer
// of this" is prose), and after "Basic " one that decodes to
// user:password.
func schemeCredentials(s string) string {
	var b strings.Builder
	done := 0
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
		if !schemeCredential(scheme, tok) {
			i = max(i, t-1)
			continue
		}
		b.WriteString(s[done:t])
		b.WriteString(Redacted)
		done, i = end, end-1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// schemes are the authentication schemes whose credentials
// schemeCredentials finds in text.
var schemes = []string{"bearer", "dpop", "basic"}

// schemeAt is the scheme (schemes) whose name starts a word at s[i], or "".
func schemeAt(s string, i int) string {
	if c := s[i] | 0x20; c != 'b' && c != 'd' || i > 0 && isAlnum(s[i-1]) {
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
