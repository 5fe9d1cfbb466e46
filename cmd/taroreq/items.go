package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
)

// itemKind says what an item after the URL adds to the request.
type itemKind int

const (
	itemData   itemKind = iota // key=value, key=@file: a string field of the data
	itemJSON                   // key:=json, key:=@file.json: a typed field of the data
	itemHeader                 // Header:value, Header; (an empty value)
	itemQuery                  // key==value: a query parameter, whatever the method
	itemBody                   // @file: the raw request body
)

// item is one parsed request item.
type item struct {
	kind  itemKind
	key   string
	value string          // the string value (itemData, itemHeader)
	raw   json.RawMessage // the JSON value (itemJSON), valid and compact
}

// parseItem parses an item, httpie's way: key==value (query), key=value
// and key=@file (string field), key:=json and key:=@file.json (typed
// field), Header:value, Header:@file, Header; (empty header), key==@file
// (a query value from a file) and @file (raw body). The
// first unescaped separator ends the key; a backslash escapes ':', '=',
// ';', '@' and '\' in the key ("a\:b=c" is the field "a:b").
func parseItem(s string) (item, error) {
	if path, ok := strings.CutPrefix(s, "@"); ok {
		if path == "" {
			return item{}, usagef("item %q: no file after @", itemLabel(s))
		}
		return item{kind: itemBody, value: path}, nil
	}
	var key strings.Builder
	for i := 0; i < len(s); i++ {
		c, rest := s[i], s[i:]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`:=;@\`, s[i+1]) >= 0:
			i++
			key.WriteByte(s[i])
		case strings.HasPrefix(rest, ":=@"):
			b, err := readItemFile(s, rest[3:])
			if err != nil {
				return item{}, err
			}
			return jsonItem(key.String(), string(b), s)
		case strings.HasPrefix(rest, ":="):
			return jsonItem(key.String(), rest[2:], s)
		case strings.HasPrefix(rest, ":@"):
			v, err := readItemValue(s, rest[2:])
			if err != nil {
				return item{}, err
			}
			return headerItem(key.String(), v, s)
		case c == ':':
			return headerItem(key.String(), rest[1:], s)
		case strings.HasPrefix(rest, "==@"):
			if key.Len() == 0 {
				return item{}, usagef("item %q: empty key", itemLabel(s))
			}
			v, err := readItemValue(s, rest[3:])
			if err != nil {
				return item{}, err
			}
			return item{kind: itemQuery, key: key.String(), value: v}, nil
		case strings.HasPrefix(rest, "=="):
			if key.Len() == 0 {
				return item{}, usagef("item %q: empty key", itemLabel(s))
			}
			return item{kind: itemQuery, key: key.String(), value: rest[2:]}, nil
		case strings.HasPrefix(rest, "=@"):
			b, err := readItemFile(s, rest[2:])
			if err != nil {
				return item{}, err
			}
			return dataItem(key.String(), string(b), s)
		case c == '=':
			return dataItem(key.String(), rest[1:], s)
		case c == ';' && len(rest) == 1:
			return headerItem(key.String(), "", s)
		default:
			key.WriteByte(c)
		}
	}
	return item{}, usagef("%q is not an item: want key=value, key==value, key:=json, Header:value, Header:@file, Header; or @file", itemLabel(s))
}

// readItemFile reads the file an item names; a missing file is a usage
// error that names it, and so is one that is not UTF-8 text, as httpie
// has it: a field is text (a JSON body has no other), and its bytes would
// go as U+FFFD, or unchanged into a JSON body that is then no JSON.
func readItemFile(s, path string) ([]byte, error) {
	if path == "" {
		return nil, usagef("item %q: no file after @", itemLabel(s))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("item %q: %v", itemLabel(s), err)
	}
	if !utf8.Valid(b) {
		return nil, usagef("item %q: %s is not UTF-8 text (a binary file goes as the body: @%s)", itemLabel(s), path, path)
	}
	return b, nil
}

// readItemValue reads the value of Header:@file or key==@file: the file's
// text without the line break that ends it (echo and editors write one),
// so that a token never has to be typed where ps and the shell's history
// show it.
func readItemValue(s, path string) (string, error) {
	b, err := readItemFile(s, path)
	if err != nil {
		return "", err
	}
	v := strings.TrimSuffix(string(b), "\n")
	return strings.TrimSuffix(v, "\r"), nil
}

func dataItem(key, value, s string) (item, error) {
	if key == "" {
		return item{}, usagef("item %q: empty key", itemLabel(s))
	}
	return item{kind: itemData, key: key, value: value}, nil
}

func jsonItem(key, value, s string) (item, error) {
	if key == "" {
		return item{}, usagef("item %q: empty key", itemLabel(s))
	}
	if !utf8.ValidString(value) { // encoding/json would take it, and send its bytes as they are
		return item{}, usagef("item %q: the value after := is not UTF-8", key+":=…")
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		return item{}, usagef("item %q: the value after := is not JSON: %v", key+":=…", jsonError(key, err))
	}
	raw, _ := json.Marshal(json.RawMessage(value)) // valid: compacts it, keeps numbers and key order
	return item{kind: itemJSON, key: key, raw: raw}, nil
}

func headerItem(key, value, s string) (item, error) {
	if !validToken(key) {
		return item{}, usagef("item %q: %q is not a header name", itemLabel(s), key)
	}
	switch k := http.CanonicalHeaderKey(key); k {
	case "Host", "Content-Length", "Transfer-Encoding", "Referer":
		// The client never sends yours (fetch forbids them): an item
		// dropped in silence would send the request to another virtual
		// host, or without what it names.
		return item{}, usagef("item %q: taroreq cannot send %s (the transport sets Host, Content-Length and Transfer-Encoding; Referer is never sent)", itemLabel(s), k)
	}
	value = strings.TrimLeft(value, " \t")
	if strings.ContainsAny(value, "\r\n\x00") {
		return item{}, usagef("item %q: a header value cannot hold CR, LF or NUL", itemLabel(s))
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
// there is none), the headers and the query parameters in their order. A
// later item with the same data key replaces an earlier one; headers and
// query parameters accumulate.
func requestParts(items []item) (data map[string]any, header http.Header, query string) {
	header = http.Header{}
	var q strings.Builder
	for _, it := range items {
		switch it.kind {
		case itemQuery:
			if q.Len() > 0 {
				q.WriteByte('&')
			}
			q.WriteString(encoders.EncodeURIComponent(it.key) + "=" + encoders.EncodeURIComponent(it.value))
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
	return data, header, q.String()
}

func usagef(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}

// itemLabel is an item as an error names it: whole, but for the value of
// a key named like a credential (Authorization, X-Api-Key, password,
// access_token …), which is left out; an argument that is no item shows
// its first bytes only (it may be a token typed where an item goes).
func itemLabel(s string) string {
	key, sep, ok := itemKey(s)
	switch {
	case !ok && len(s) > 4:
		return s[:4] + "…"
	case !ok, strings.HasSuffix(sep, "@"), len(key)+len(sep) == len(s), !credentialName(key):
		return s // a file's path, no value, or a value that is no secret
	}
	return s[:len(key)+len(sep)] + "…"
}

// itemKey returns the key of s as parseItem reads it (to its first
// unescaped separator; a ';' ends an item only at its end, Header;) and
// that separator; ok is false when s has none.
func itemKey(s string) (key, sep string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		for _, sep := range [...]string{":=@", "=@", ":=", ":@", "==@", "==", ":", "=", ";"} {
			if strings.HasPrefix(s[i:], sep) && (sep != ";" || i == len(s)-1) {
				return s[:i], sep, true
			}
		}
	}
	return "", "", false
}

// credentialName reports whether an item's key names a credential: a
// credential header (Authorization, X-Api-Key …) or a secret-named field
// (password, access_token, code …).
func credentialName(key string) bool {
	return credential.IsHeader(key, nil) || credential.Keys(nil).Secret(key)
}

// jsonError is encoding/json's error, but for a key named like a
// credential, whose value's text it may quote: then only where it broke.
// (The item itself is named without its value: JSON that does not parse
// cannot be redacted, and may hold a secret-named member.)
func jsonError(key string, err error) string {
	if !credentialName(key) {
		return err.Error()
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	}
	return "invalid JSON"
}
