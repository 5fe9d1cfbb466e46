package credential

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// redactJWTs replaces every JWT in s, a header's value, by Redacted: a
// JWT is a bearer credential, or a user's claims, whatever the name of
// the header or parameter that carries it (an ID token handed on in
// X-Forwarded-Id, a signed state=). A JWT is a word of base64url parts
// joined by dots, three (signed, the last empty when unsigned) or five
// (encrypted), whose first part decodes to a JSON object with "alg". A
// word of one part, base64 of either alphabet, that decodes to JSON with
// a secret member (a client context) is replaced too.
func (k Keys) redactJWTs(s string) string {
	if !strings.Contains(s, "eyJ") { // base64url of `{"`, as every JWT starts
		return s
	}
	sp := splice{s: s}
	for i := 0; i < len(s); {
		n := strings.Index(s[i:], "eyJ")
		if n < 0 {
			break
		}
		start := i + n
		if start > 0 && isJWTByte(s[start-1]) {
			i = start + 3 // inside a longer word
			continue
		}
		// After a '.' one may start (access_token.eyJ…, a token sent as a
		// WebSocket subprotocol): a word that started with eyJ before it
		// was read whole and skipped.
		end := start
		for end < len(s) && (isJWTByte(s[end]) || s[end] == '.') {
			end++
		}
		if strings.IndexByte(s[start:end], '.') < 0 {
			for end < len(s) && (isJWTByte(s[end]) || s[end] == '+' || s[end] == '/') {
				end++
			}
			for pad := 0; pad < 2 && end < len(s) && s[end] == '='; pad++ {
				end++
			}
		}
		if isJWT(s[start:end]) || k.base64JSONSecret(s[start:end]) {
			sp.replace(start, end, Redacted)
		}
		i = end // no JWT starts inside this word: linear
	}
	return sp.String()
}

// isJWTByte reports whether c is of base64url's alphabet.
func isJWTByte(c byte) bool { return isAlnum(c) || c == '-' || c == '_' }

// isJWT reports whether w, a word of base64url bytes and dots, is a JWS
// (header.payload.signature, the payload not empty) or a JWE (five parts)
// whose header is a JSON object with "alg".
func isJWT(w string) bool {
	parts := strings.Split(w, ".")
	switch {
	case len(parts) == 3 && parts[1] != "":
	case len(parts) == 5 && parts[3] != "":
	default:
		return false
	}
	header, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(header, &fields) != nil {
		return false
	}
	_, ok := fields["alg"]
	return ok
}

// base64JSONSecret reports whether w, a word without dots, is base64 (of
// either alphabet, padded or not) of JSON with a secret member.
func (k Keys) base64JSONSecret(w string) bool {
	w = strings.TrimRight(w, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if d, err := enc.DecodeString(w); err == nil {
			_, changed, ok := k.JSON(d)
			return ok && changed
		}
	}
	return false
}
