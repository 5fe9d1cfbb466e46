// Package credential is the one credential model of taroreq: which headers
// and query parameters are secret, what an origin is, and how URLs, errors
// and headers are redacted before they reach a span, a log line, an error,
// a key or a recording. Every layer uses it.
package credential

import (
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
	"session", "jwt", "assertion", "bearer", "dpop", "ticket", "verifier", "hmac", "csrf", "xsrf", "saml", "sessid", "hdnts",
	"hdnea", "hdntl"}

// secretWholeNames are secret only as the whole name, case-insensitively:
// "code" is OAuth's authorization code (?code=... on the redirect back), and
// js_code a mini-program's login code (WeChat's wx.login, which a backend
// trades for the user's session: jscode2session), but country_code,
// zip_code or X-Error-Code hold none. A parameter named Set-Cookie (or
// Set-Cookie2) holds a cookie to set, a session: go-httpbin's
// /response-headers?Set-Cookie=sid%3D… echoes it as the header, and a test
// server or a login link may carry one so; one named cookie is data (a
// consent flag, see SecretField).
var secretWholeNames = []string{"code", "js_code", "jscode", "set-cookie", "set-cookie2"}

// secretWordNames are secret as one word of the name, case-insensitively
// (words are split at any byte that is not a letter or a digit, and where a
// capital starts a word: userPass, OTPCode): X-Pass, X-Otp, user_pin,
// X-Passphrase, mfaPasscode, X-OTPCode, pw, user_pw, sid, connect.sid (a
// session id), X-Mfa-Code and X-2fa-Code (a second factor's code). As
// substrings they would reach bypass, compass, shipping, spinner, side or
// inside.
var secretWordNames = []string{"pass", "passphrase", "passcode", "pin", "otp", "totp", "pw", "sid", "mfa", "2fa"}

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
// ticket, verifier, hmac, csrf, xsrf, saml, sessid or hdnts (an Akamai token)
// but inside an everyday word (benignStems: keyword, author, designation...)
// or a name of header names (headerNames: SignedHeaders),
// or one of its words is pass, passphrase, passcode, pin, otp, totp, pw or
// sid, or it is code, or a session cookie's name that none of these gives
// away (sessionCookieName). It does not allocate.
func SecretName(name string) bool {
	for _, w := range secretWholeNames {
		if len(name) == len(w) && hasPrefixFold(name, w) {
			return true
		}
	}
	if hasSecretWord(name) || sessionCookieName(name) {
		return true
	}
	if headerNames(name) {
		return false
	}
	// One pass over the name: only the words that start with the byte at
	// hand are compared (this runs for every header of every request that
	// the store or the HTTP cache partitions).
	for i := 0; i < len(name); i++ {
		for _, rest := range wordsAt[lower(name[i])] {
			if hasPrefixFold(name[i+1:], rest) && !inBenignWord(name, i, i+1+len(rest)) {
				return true
			}
		}
	}
	return false
}

// benignStems are everyday words that hold a secret word (key, sig, auth,
// token) and name no secret: as query data they must reach a backup on
// another origin (?keyword=shoes, ?author=bob), and they read better in a
// log. A word of the name is benign when it is one of them with one of
// benignSuffixes (designation, assignments, authored), so that only the
// stem's own secret word is excused: authorization, keywordsig, apikey,
// monkeyToken stay secret, and sign (a Chinese API's signature) too.
var benignStems = []string{"keyword", "keyboard", "keynote", "monkey", "donkey", "turkey", "hockey", "jockey",
	"whiskey", "design", "signal", "assign", "consign", "resign", "ensign", "signin", "signup", "signout",
	"author", "tokenizer",
	// A public key is public by its name (Sentry's sentry-public_key, a
	// DSN's, which browsers send): publicKey and public_key are read as
	// two words (publicKeyWord).
	"publickey"}

// benignSuffixes are the endings an everyday word takes after its stem.
var benignSuffixes = []string{"", "s", "es", "ed", "er", "ers", "ing", "ings", "ee", "ees", "ment", "ments",
	"ation", "ations", "ate", "ated", "ity", "ities"}

// inBenignWord reports whether name[i:j], a secret word found in it, lies
// inside one word of name (split as hasWordOf splits) that is a benign
// stem with an everyday ending (benignStems), or is the key of a public
// key (publicKeyWord).
func inBenignWord(name string, i, j int) bool {
	s, e := wordAround(name, i)
	if j > e {
		return false // the secret word runs on into the next word
	}
	w := name[s:e]
	for _, b := range benignStems {
		if len(w) >= len(b) && hasPrefixFold(w, b) && j <= s+len(b) && isWordOf(w[len(b):], benignSuffixes) {
			return true
		}
	}
	return publicKeyWord(name, s, e)
}

// wordAround is the word of name (split as hasWordOf splits) that holds
// name[i].
func wordAround(name string, i int) (s, e int) {
	s, e = i, i
	for s > 0 && isAlnum(name[s-1]) && !(isUpperByte(name[s]) && camelBoundary(name, s)) {
		s--
	}
	for e < len(name) && isAlnum(name[e]) && (e == s || !(isUpperByte(name[e]) && camelBoundary(name, e))) {
		e++
	}
	return s, e
}

// publicKeyWord reports whether name[s:e], a word, is key or keys after
// the word public or publishable (sentry-public_key, publicKey,
// X-Publishable-Key: a key meant to be seen, as Stripe's pk_ and Sentry's
// are); private_key, api_key stay secret.
func publicKeyWord(name string, s, e int) bool {
	if w := name[s:e]; !isWordOf(w, []string{"key", "keys"}) || s == 0 {
		return false
	}
	p := s
	if !isAlnum(name[p-1]) {
		p-- // one separator: public_key, public-key
	}
	if p == 0 || !isAlnum(name[p-1]) {
		return false
	}
	ps, pe := wordAround(name, p-1)
	return pe == p && isWordOf(name[ps:pe], []string{"public", "publishable"})
}

// headerNames reports whether name's last word is headers: it names a
// list of header names (SigV4's SignedHeaders, X-Amz-SignedHeaders,
// X-Goog-SignedHeaders: host;x-amz-date), not a secret, whatever word
// qualifies it.
func headerNames(name string) bool {
	const h = "headers"
	if len(name) < len(h) || !hasPrefixFold(name[len(name)-len(h):], h) {
		return false
	}
	s, _ := wordAround(name, len(name)-1)
	return s == len(name)-len(h)
}

// hasSecretWord reports whether one of name's words is in secretWordNames.
func hasSecretWord(name string) bool { return hasWordOf(name, secretWordNames) }

// hasWordOf reports whether one of name's words (split at any byte that is
// not a letter or a digit, and where a capital starts a word) is in words,
// case-insensitively; words are lower case.
func hasWordOf(name string, words []string) bool {
	start := 0
	for i := 0; i <= len(name); i++ {
		end := i == len(name) || !isAlnum(name[i])
		if !end && (i == start || !isUpperByte(name[i]) || !camelBoundary(name, i)) {
			continue
		}
		if w := name[start:i]; len(w) >= 2 && (isWordOf(w, words) || isWordOf(afterLeadingDigits(w), words)) {
			return true
		}
		if start = i; end {
			start = i + 1
		}
	}
	return false
}

// camelBoundary reports whether the upper-case letter at name[i] starts a
// word: after a lower-case letter, or digits that end a word of letters
// (userPass, user2Pass; but 2FA is one word), or as the last letter of an
// acronym before a lower-case one (OTPCode: OTP, Code).
func camelBoundary(name string, i int) bool {
	prev := name[i-1]
	return isLowerByte(prev) || isDigit(prev) && afterLetterDigits(name, i-1) ||
		isUpperByte(prev) && i+1 < len(name) && isLowerByte(name[i+1])
}

// isWordOf reports whether w is one of words, case-insensitively.
func isWordOf(w string, words []string) bool {
	for _, sw := range words {
		if len(w) == len(sw) && hasPrefixFold(w, sw) {
			return true
		}
	}
	return false
}

// afterLeadingDigits is w without the digits it starts with when a capital
// follows them (2PIN, 4User: the word that 2FA's splitting keeps whole
// there is read either way), else "".
func afterLeadingDigits(w string) string {
	d := 0
	for d < len(w) && isDigit(w[d]) {
		d++
	}
	if d == 0 || d == len(w) || !isUpperByte(w[d]) {
		return ""
	}
	return w[d:]
}

// afterLetterDigits reports whether the digits that end at name[i] follow a
// letter.
func afterLetterDigits(name string, i int) bool {
	for i >= 0 && isDigit(name[i]) {
		i--
	}
	return i >= 0 && (isLowerByte(name[i]) || isUpperByte(name[i]))
}

func isAlnum(c byte) bool     { return isLowerByte(c) || isUpperByte(c) || isDigit(c) }
func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
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
