package credential

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// embeddedJSON redacts JSON inside s, a header's value (after other text,
// "v1 {…}", or the value whole): each object or array that starts it or
// follows a blank or one of ",;:(=" and is closed is redacted as JSON is,
// and one that does not parse (a JavaScript literal, {token: 't'}) goes
// whole when a name in it is secret (quotedSecretName), failing closed. An
// unclosed one ends the search: nothing after it is read twice.
func (k Keys) embeddedJSON(s string) string {
	sp := splice{s: s}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '{' && c != '[' || i > 0 && strings.IndexByte(" \t,;:(=", s[i-1]) < 0 {
			continue
		}
		end := bracketEnd(s, i)
		if end < 0 {
			break
		}
		v := s[i:end]
		out := v
		if json.Valid([]byte(v)) {
			if r, changed, ok := k.JSON([]byte(v)); ok && changed {
				out = string(r)
			}
		} else if k.quotedSecretName(v) {
			out = Redacted
		}
		if out != v {
			sp.replace(i, end, out)
		}
		i = end - 1 // what is inside was read with it
	}
	return sp.String()
}

// bracketEnd is the index just after the bracket that closes the one at
// s[i] ('{' or '['), counting both kinds and skipping double-quoted
// strings with their escapes, or -1 when none does.
func bracketEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '"':
			n, closed := optiontext.QuotedString(s[i:])
			if !closed {
				return -1
			}
			i += n - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// dataPayloads redacts, in s, a header's value with the rest redacted, the
// payload of every data: URL that is encoded (percent-escaped or base64)
// and, decoded, is text freeText would redact (JSON with a secret member,
// a secret parameter, a JWT): whole, as it cannot be redacted in part. A
// payload written raw was read with the rest of s; one that does not
// decode, or decodes to bytes that are not text (an image), stays.
func (k Keys) dataPayloads(s string) string {
	sp := splice{s: s}
	for i := 0; ; {
		// Each ':' is looked at once, and nothing is allocated for a value
		// without a data: URL (a Date, a Server-Timing).
		n := strings.IndexByte(s[i:], ':')
		if n < 0 {
			break
		}
		p := i + n + 1
		i = p
		if p < len("data:") || !hasPrefixFold(s[p-len("data:"):], "data") ||
			p > len("data:") && isAlnum(s[p-len("data:")-1]) { // metadata:
			continue
		}
		comma := p
		for comma < len(s) && s[comma] != ',' && !strings.ContainsRune(" \t\r\n\"'<>(),", rune(s[comma])) {
			comma++
		}
		if comma == len(s) || s[comma] != ',' {
			i = comma // a data: after p ends its media type where this one did: none starts a payload
			continue
		}
		end := valueEnd(s, comma+1, " \t\r\n\"'<>()")
		i = end
		payload := s[comma+1 : end]
		if payload == "" || payload == Redacted {
			continue
		}
		decoded, ok := dataPayload(asciiLower(s[p:comma]), payload)
		if !ok || !utf8.ValidString(decoded) || k.freeText(decoded, true) == decoded {
			continue
		}
		sp.replace(comma+1, end, Redacted)
	}
	return sp.String()
}

// dataPayload decodes a data: URL's payload as its media type (lower
// case) says: base64, or percent-escaped; ok is false for one that does
// not decode, or is neither (raw text: nothing to decode).
func dataPayload(mediaType, payload string) (string, bool) {
	if !strings.HasSuffix(mediaType, ";base64") {
		if strings.IndexByte(payload, '%') < 0 {
			return "", false
		}
		return lenientUnescape(payload), true
	}
	raw := strings.TrimRight(lenientUnescape(payload), "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if d, err := enc.DecodeString(raw); err == nil {
			return string(d), true
		}
	}
	return "", false
}

// asciiLower is s with its ASCII letters in lower case, byte for byte
// (strings.ToLower writes a byte that is not UTF-8 as three).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}
