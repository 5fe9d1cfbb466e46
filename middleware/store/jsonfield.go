package store

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// topLevelField returns the raw JSON value of field key in body, which
// must be a valid JSON object; the last one when the key repeats (what
// decoding into a map keeps). Keys are compared unescaped.
func topLevelField(body []byte, key string) (raw []byte, ok bool) {
	if !json.Valid(body) {
		return nil, false
	}
	s := skipSpace(body)
	if len(s) == 0 || s[0] != '{' {
		return nil, false
	}
	s = skipSpace(s[1:])
	for len(s) > 0 && s[0] == '"' {
		name, rest := cutString(s)
		rest = skipSpace(rest)[1:] // the ':' (the body is valid)
		rest = skipSpace(rest)
		value, after := cutValue(rest)
		if keyEquals(name, key) {
			raw, ok = value, true
		}
		s = skipSpace(after)
		if len(s) > 0 && s[0] == ',' {
			s = skipSpace(s[1:])
		}
	}
	return raw, ok
}

// keyEquals compares a quoted JSON key with key.
func keyEquals(quoted []byte, key string) bool {
	if inner, plain := plainString(quoted); plain {
		return string(inner) == key
	}
	var s string
	return json.Unmarshal(quoted, &s) == nil && s == key
}

func skipSpace(s []byte) []byte {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') {
		s = s[1:]
	}
	return s
}

// cutString cuts the JSON string at the start of s (valid JSON).
func cutString(s []byte) (str, rest []byte) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return s[:i+1], s[i+1:]
		}
	}
	return s, nil
}

// cutValue cuts the JSON value at the start of s (valid JSON): a string,
// an object or array with everything nested in it, or a literal.
func cutValue(s []byte) (value, rest []byte) {
	if len(s) == 0 {
		return s, nil
	}
	switch s[0] {
	case '"':
		return cutString(s)
	case '{', '[':
		depth := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '"':
				str, _ := cutString(s[i:])
				i += len(str) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return s[:i+1], s[i+1:]
				}
			}
		}
		return s, nil
	}
	i := 0
	for i < len(s) && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
		i++
	}
	return s[:i], s[i:]
}

// plainString returns the content of a quoted JSON string that decodes to
// itself: no escape, valid UTF-8 (the decoder replaces invalid bytes).
func plainString(quoted []byte) ([]byte, bool) {
	inner := quoted[1 : len(quoted)-1]
	return inner, bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner)
}
