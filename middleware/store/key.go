package store

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
)

// Key identifies a request in the store: the method, the original URL with
// its query data, the SHA-256 of the body for a request with one (two POSTs
// with different bodies never share an entry), and the request's credential
// partition (two users never share an entry; "" for a request without
// credentials). The key holds no secret, as keys leave the process (Redis, a
// snapshot file): it is a readable label, the method and the URL without
// userinfo and query, then a SHA-256 of all of the above.
func Key(method, url string, body []byte, partition string) string {
	if method == "" {
		method = http.MethodGet
	}
	// One input for one Sum256, on the stack for the usual sizes: the same
	// bytes as writing each part to a sha256.New().
	var buf [512]byte
	in := append(append(append(buf[:0], method...), 0), url...)
	in = append(in, 0)
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		in = append(in, sum[:]...)
	}
	in = append(append(in, 0), partition...)
	sum := sha256.Sum256(in)
	label := credential.Bare(url)
	var b strings.Builder
	b.Grow(len(method) + len(label) + 2 + base64.RawURLEncoding.EncodedLen(24))
	b.WriteString(method)
	b.WriteByte(' ')
	b.WriteString(label)
	b.WriteByte(' ')
	var enc [32]byte // base64 of 24 bytes, no padding
	base64.RawURLEncoding.Encode(enc[:], sum[:24])
	b.Write(enc[:])
	return b.String()
}

// SignCheck is Taro's default StoreCheck: stored JSON data whose field
// checkKey equals sign, compared as strings ("3" matches 3). With checkKey or
// sign empty it returns nil: no stored data is fresh without a check, so a
// request is made. The data must be a valid JSON object; its field is found
// without decoding the rest (no allocation for the usual sign), the last
// one winning when a key repeats, as when decoding into a map.
func SignCheck(checkKey, sign string) func(stored *http.Response, body []byte) bool {
	if checkKey == "" || sign == "" {
		return nil
	}
	return func(_ *http.Response, body []byte) bool { return signMatches(body, checkKey, sign) }
}

// mayHold reports whether body could hold sign as a field's value: a
// match is the sign's own bytes (a number, or a string without escapes), a
// string with an escape, or, for a sign with U+FFFD, a string with invalid
// UTF-8 (decoding replaces it with U+FFFD). An entry whose sign changed, the
// usual refusal, is then refused by one fast search instead of a validation
// and a scan.
func mayHold(body []byte, sign string) bool {
	// The body is only read during the search: viewing it as a string
	// spares a copy of either.
	text := unsafe.String(unsafe.SliceData(body), len(body))
	return strings.IndexByte(text, '\\') >= 0 || strings.Contains(text, sign) ||
		strings.ContainsRune(sign, utf8.RuneError) || numberSign(sign)
}

// numberSign reports whether sign is a number's text as JavaScript writes
// it, which a stored number spelt otherwise (3.0, 1e3, 1E21) equals as a
// string.
func numberSign(sign string) bool {
	if sign == "" || !(sign[0] >= '0' && sign[0] <= '9' || sign[0] == '-' || sign[0] == 'I' || sign[0] == 'N') {
		return false
	}
	f, err := strconv.ParseFloat(sign, 64)
	return err == nil && encoders.NumberText(f) == sign ||
		sign == "Infinity" || sign == "-Infinity"
}

// signMatches is SignCheck's rule: body is a JSON object (after a UTF-8
// BOM, if any) whose field checkKey, as a string, equals sign.
func signMatches(body []byte, checkKey, sign string) bool {
	body = encoders.TrimBOM(body) // as the client's JSON decoding skips it
	if !utf8.Valid(body) {
		// As the client's JSON decoding (fetch's json()) reads it: each
		// maximal subpart of an ill-formed sequence one U+FFFD, where
		// encoding/json alone would replace each byte of it in a string,
		// and a sign equal to the data's field would not match.
		body = []byte(encoders.DecodeUTF8(body))
	}
	if !mayHold(body, sign) {
		return false
	}
	raw, ok := topLevelField(body, checkKey)
	if !ok {
		return false
	}
	if len(raw) > 0 && raw[0] == '"' {
		if inner, plain := plainString(raw); plain {
			return string(inner) == sign
		}
		var s string
		return json.Unmarshal(raw, &s) == nil && s == sign
	}
	// null decodes into a string as "", which no sign equals.
	if string(raw) == "null" {
		return false
	}
	if string(raw) == sign {
		return true
	}
	// A number compares as JavaScript's String() writes it: 3.0 and 1e3
	// equal the signs "3" and "1000". (Past float64's range it is
	// ±Infinity, as JSON.parse has it.)
	if len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		f, err := strconv.ParseFloat(string(raw), 64)
		if err == nil || errors.Is(err, strconv.ErrRange) {
			return encoders.NumberText(f) == sign
		}
	}
	return false
}
