package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// itemKind says what an item after the URL adds to the request.
type itemKind int

const (
	itemData   itemKind = iota // key=value: a string field of the data
	itemJSON                   // key:=json: a typed field of the data
	itemHeader                 // Header:value
)

// item is one parsed request item.
type item struct {
	kind  itemKind
	key   string
	value string          // the string value (itemData, itemHeader)
	raw   json.RawMessage // the JSON value (itemJSON), valid and compact
}

// parseItem parses key=value, key:=json or Header:value. The first
// unescaped ':' or '=' separates the key; a backslash escapes ':', '=' and
// '\' in the key ("a\:b=c" is the field "a:b").
func parseItem(s string) (item, error) {
	var key strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`:=\`, s[i+1]) >= 0:
			i++
			key.WriteByte(s[i])
		case c == '=':
			return dataItem(key.String(), s[i+1:], s)
		case c == ':' && i+1 < len(s) && s[i+1] == '=':
			return jsonItem(key.String(), s[i+2:], s)
		case c == ':':
			return headerItem(key.String(), s[i+1:], s)
		default:
			key.WriteByte(c)
		}
	}
	return item{}, usagef("%q is not an item: want key=value, key:=json or Header:value", s)
}

func dataItem(key, value, s string) (item, error) {
	if key == "" {
		return item{}, usagef("item %q: empty key", s)
	}
	return item{kind: itemData, key: key, value: value}, nil
}

func jsonItem(key, value, s string) (item, error) {
	if key == "" {
		return item{}, usagef("item %q: empty key", s)
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		return item{}, usagef("item %q: the value after := is not JSON: %v", s, err)
	}
	raw, _ := json.Marshal(json.RawMessage(value)) // valid: compacts it, keeps numbers and key order
	return item{kind: itemJSON, key: key, raw: raw}, nil
}

func headerItem(key, value, s string) (item, error) {
	if !validToken(key) {
		return item{}, usagef("item %q: %q is not a header name", s, key)
	}
	value = strings.TrimLeft(value, " \t")
	if strings.ContainsAny(value, "\r\n\x00") {
		return item{}, usagef("item %q: a header value cannot hold CR, LF or NUL", s)
	}
	return item{kind: itemHeader, key: http.CanonicalHeaderKey(key), value: value}, nil
}

// validToken reports whether s is an HTTP token (a header name).
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// requestParts is what the items make of a request: the data (nil when
// there is none) and the headers. A later item with the same data key
// replaces an earlier one; headers accumulate.
func requestParts(items []item) (data map[string]any, header http.Header) {
	header = http.Header{}
	for _, it := range items {
		switch it.kind {
		case itemData:
			if data == nil {
				data = map[string]any{}
			}
			data[it.key] = it.value
		case itemJSON:
			if data == nil {
				data = map[string]any{}
			}
			data[it.key] = it.raw
		case itemHeader:
			header.Add(it.key, it.value)
		}
	}
	return data, header
}

func usagef(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}
