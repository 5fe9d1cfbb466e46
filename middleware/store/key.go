package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
)

// Key identifies a request in the store: the method, the original URL with
// its query data, and for a request with a body the SHA-256 of its bytes, so
// two POSTs with different bodies never share an entry.
func Key(method, url string, body []byte) string {
	if method == "" {
		method = http.MethodGet
	}
	if len(body) == 0 {
		return method + " " + url
	}
	sum := sha256.Sum256(body)
	var b strings.Builder
	b.Grow(len(method) + len(url) + 2 + 2*len(sum))
	b.WriteString(method)
	b.WriteByte(' ')
	b.WriteString(url)
	b.WriteByte(' ')
	b.WriteString(hex.EncodeToString(sum[:]))
	return b.String()
}

// SignCheck is Taro's default StoreCheck: stored JSON data whose field
// checkKey equals sign, compared as strings ("3" matches 3). With checkKey or
// sign empty it returns nil: no stored data is fresh without a check, so a
// request is made.
func SignCheck(checkKey, sign string) func(stored *http.Response, body []byte) bool {
	if checkKey == "" || sign == "" {
		return nil
	}
	return func(_ *http.Response, body []byte) bool {
		var fields map[string]json.RawMessage
		if json.Unmarshal(body, &fields) != nil {
			return false
		}
		raw, ok := fields[checkKey]
		if !ok {
			return false
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s == sign
		}
		return string(raw) == sign
	}
}
