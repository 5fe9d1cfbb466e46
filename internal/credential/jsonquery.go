package credential

import (
	"encoding/json"
	"errors"
	"strings"
)

// The query encoder writes a nested object or array of Data as JSON in one
// field (filter={"api_key":…}): such a value is as secret as its most
// secret member. A server that splits parameters on '&' alone reads the
// JSON whole, ';' and all, and one that decodes leniently reads it past a
// stray '%': the value is judged as such a server reads it.

// secretParam reports whether a query or form parameter is secret: its
// name is (Secret), or its value is JSON holding a secret-named member
// (see secretValue). name and value are raw, as sent.
func (k Keys) secretParam(name, value string) bool {
	return k.Secret(unescape(name)) || k.secretValue(value)
}

// paramWalker walks a raw query (or form body) parameter by parameter,
// as servers split it on '&' and ';'. But a server splitting on '&' alone
// reads a value cut by a ';' on to the next '&': a secret-named parameter
// is secret to that '&' (password=abc;rest), and so is one whose value
// starts like JSON, does not parse where the ';' cuts it, and is secret
// read to the '&' (secretValue): the whole stretch is one secret
// parameter. The longer read of a value is made once per '&'-separated
// span, so a walk costs time linear in the query's length.
type paramWalker struct {
	k         Keys
	raw       string
	i         int // where the next parameter starts
	readWhole int // the end of the last span a value was read to
	amp       int // the index of the next '&' in raw from i on (len(raw): none), once found
}

// next returns the next parameter, the separator after it ("" at the end)
// and whether it is secret: a secret name or value (secretParam) when it
// has a value. ok is false when the query is over.
func (w *paramWalker) next() (p, sep string, secret, ok bool) {
	if w.i >= len(w.raw) {
		return "", "", false, false
	}
	rest := w.raw[w.i:]
	end := strings.IndexAny(rest, "&;")
	if end < 0 {
		end = len(rest)
	}
	p = rest[:end]
	if name, value, hasValue := strings.Cut(p, "="); hasValue {
		cut := end < len(rest) && rest[end] == ';'
		amp := len(rest)
		if cut {
			if w.amp <= w.i { // found once per span: the walk stays linear (0: not yet)
				w.amp = len(w.raw)
				if n := strings.IndexByte(rest, '&'); n >= 0 {
					w.amp = w.i + n
				}
			}
			amp = w.amp - w.i
		}
		switch {
		case cut && w.k.Secret(unescape(name)):
			p, end, secret = rest[:amp], amp, true // the ';' and what follows are the value's
		case cut && w.i >= w.readWhole && mayBeJSON(value) && !parsesAsJSON(value):
			w.readWhole = w.i + amp
			if w.k.secretValue(rest[len(name)+1 : amp]) {
				p, end, secret = rest[:amp], amp, true
			}
		}
		secret = secret || w.k.secretParam(name, value)
	}
	if end < len(rest) {
		sep = rest[end : end+1]
	}
	w.i += end + 1
	return p, sep, secret, true
}

// mayHoldJSON reports whether a raw query may hold a value that is JSON:
// it has a '{' or '[', raw or percent-encoded.
func mayHoldJSON(raw string) bool {
	if strings.ContainsAny(raw, "{[") {
		return true
	}
	for i := 0; i+2 < len(raw); i++ {
		if raw[i] == '%' && (raw[i+1] == '7' || raw[i+1] == '5') && raw[i+2]|0x20 == 'b' {
			return true
		}
	}
	return false
}

// secretValue reports whether value, a raw query or form value, is JSON
// text with a secret-named member at any depth. A value that starts like
// JSON but does not parse fails closed: any quoted name followed by ':'
// that is secret makes it secret.
func (k Keys) secretValue(value string) bool {
	if !mayBeJSON(value) {
		return false
	}
	v := strings.TrimSpace(lenientUnescape(value))
	if v == "" || v[0] != '{' && v[0] != '[' {
		return false
	}
	if _, changed, ok := k.JSON([]byte(v)); ok {
		return changed
	}
	// Quoted by %q in an error's text ({\"api_key\":…}), once or twice.
	for u, n := v, 0; n < 2 && strings.Contains(u, `\"`); n++ {
		u = strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(u)
		if _, changed, ok := k.JSON([]byte(u)); ok {
			return changed
		}
		if k.quotedSecretName(u) {
			return true
		}
	}
	return k.quotedSecretName(v)
}

// parsesAsJSON reports whether a raw value, decoded leniently, is JSON.
func parsesAsJSON(value string) bool {
	return json.Valid([]byte(strings.TrimSpace(lenientUnescape(value))))
}

// quotedSecretName reports whether s, text that starts like JSON but is
// not, holds a member name that is secret: a string in double or single
// quotes, or a bare word, as a JavaScript object literal has them, followed
// by ':'.
func (k Keys) quotedSecretName(s string) bool {
	for i := 0; i < len(s); {
		start, end := i, i
		switch c := s[i]; {
		case c == '"' || c == '\'':
			if end = endQuoted(s, i); end < 0 {
				return false
			}
		case isWordByte(c):
			for end = i; end < len(s) && isWordByte(s[end]); end++ {
			}
		default:
			i++
			continue
		}
		i = end
		if j := skipSpace([]byte(s[end:]), 0) + end; j >= len(s) || s[j] != ':' {
			continue
		}
		name := s[start:end]
		switch name[0] {
		case '"':
			name = jsonName([]byte(name))
		case '\'':
			name = name[1 : len(name)-1]
		}
		if k.Secret(name) {
			return true
		}
	}
	return false
}

// endQuoted returns the index just after the string starting at s[i] and
// quoted by s[i] (" or '), or -1 when it does not end.
func endQuoted(s string, i int) int {
	q := s[i]
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i + 1
		}
	}
	return -1
}

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' || c == '$' || c == '-' }

// mayBeJSON is secretValue's cheap first look: the value starts with an
// object or array, raw or percent-encoded, after any spaces.
func mayBeJSON(value string) bool {
	for {
		switch {
		case value == "":
			return false
		case value[0] == '{' || value[0] == '[':
			return true
		case value[0] == ' ' || value[0] == '+':
			value = value[1:]
		case len(value) >= 3 && value[0] == '%':
			switch strings.ToUpper(value[1:3]) {
			case "7B", "5B":
				return true
			case "20", "09", "0A", "0D":
				value = value[3:]
			default:
				return false
			}
		default:
			return false
		}
	}
}

// lenientUnescape decodes a query value as lenient servers do: '+' is a
// space, %XX its byte, and a '%' without two hex digits is kept as it is.
func lenientUnescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && IsHex(s[i+1]) && IsHex(s[i+2]):
			b = append(b, Unhex(s[i+1])<<4|Unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// IsHex reports whether c is a hexadecimal digit, of a percent-escape.
func IsHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// Unhex is the value of the hexadecimal digit c (IsHex).
func Unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// rawJSONLen is the length of the JSON object or array s starts with, 0
// when it starts with none; read is how far into s the decoder read to
// tell (at least 1 when s is not empty).
func rawJSONLen(s string) (n, read int) {
	if s == "" || s[0] != '{' && s[0] != '[' {
		return 0, min(len(s), 1)
	}
	if strings.IndexAny(s, "]}") < 0 {
		// Nothing closes it: the text runs out, as the decoder would find
		// at a cost (hostile text repeats such stretches by the thousand).
		return 0, len(s)
	}
	if json.Valid([]byte(s)) {
		return len(s), len(s) // the whole stretch is the value: no decoder
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return 0, min(max(int(se.Offset), 1), len(s))
		}
		return 0, len(s) // the text ran out
	}
	return int(dec.InputOffset()), int(dec.InputOffset())
}
