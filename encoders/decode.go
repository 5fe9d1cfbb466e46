package encoders

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

var utf8BOM = []byte("\xEF\xBB\xBF")

// TrimBOM returns body without a leading UTF-8 byte order mark, as fetch's
// Response.json() and Response.text() read it: what every reader of a
// response's data skips (Decode, DecodeInto, UnwrapJSONP, the store's sign
// check). It shares body's bytes.
func TrimBOM(body []byte) []byte { return bytes.TrimPrefix(body, utf8BOM) }

// jsonText is body as fetch's json() hands it to JSON.parse: UTF-8 decoded,
// each maximal subpart of an ill-formed sequence one U+FFFD (fetchText), where
// encoding/json alone would replace each byte of it inside a string. Valid
// UTF-8 is returned as it is.
func jsonText(body []byte) []byte {
	if utf8.Valid(body) {
		return body
	}
	return []byte(fetchText(body))
}

// Decode turns a buffered response body into the Response's Data:
//
//   - responseType "arraybuffer": the body itself, never parsed (not copied;
//     an empty or nil body gives an empty, non-nil []byte).
//   - dataType "json" (or "", the default), responseType "text" (or ""):
//     status 204, or a body that is empty or only white space, gives nil data
//     and a nil error. Valid JSON gives the value decoded into an any
//     (map[string]any, []any, float64, string, bool or nil; a number past
//     float64's range is ±Inf, as JSON.parse gives it). A body that is
//     not JSON gives nil data and an error wrapping [ErrDecode] (and the
//     encoding/json error): the caller keeps the raw bytes and this error,
//     it is not a failure of the request. A leading UTF-8 BOM is skipped,
//     and bytes that are not UTF-8 are replaced by U+FFFD before parsing,
//     as fetch's Response.json() decodes them.
//   - any other dataType: the body as a string, without a leading UTF-8 BOM,
//     bytes that are not UTF-8 replaced by U+FFFD (as fetch's
//     Response.text() gives it).
//
// Decode is safe for concurrent use.
func Decode(body []byte, status int, dataType, responseType string) (any, error) {
	if responseType == ResponseTypeArrayBuffer {
		if body == nil {
			return []byte{}, nil
		}
		return body, nil
	}
	if dataType != DataTypeJSON && dataType != "" {
		// As fetch's Response.text(): UTF-8 decoded, a byte sequence that
		// is not UTF-8 replaced by U+FFFD (one Go string that is valid
		// UTF-8, whatever the server sent).
		text := TrimBOM(body)
		if utf8.Valid(text) {
			return string(text), nil
		}
		return fetchText(text), nil
	}
	body = jsonText(TrimBOM(body))
	if status == http.StatusNoContent || isBlank(body) {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		if big, ok := withBigNumbers(body, err); ok {
			return big, nil
		}
		return nil, fmt.Errorf("%w: %w", ErrDecode, err)
	}
	return v, nil
}

// withBigNumbers decodes valid JSON that encoding/json refused for a number
// beyond float64 (1e400), as JSON.parse does: such a number is ±Inf. It
// runs only after that refusal.
func withBigNumbers(body []byte, err error) (any, bool) {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || !strings.HasPrefix(te.Value, "number") {
		return nil, false
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil, false
	}
	return floats(v), true
}

// floats turns v's json.Numbers into float64, ±Inf past the range.
func floats(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := strconv.ParseFloat(string(x), 64) // ±Inf (or 0) with ErrRange: JSON.parse's value
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = floats(e)
		}
	case []any:
		for i, e := range x {
			x[i] = floats(e)
		}
	}
	return v
}

// DecodeInto decodes a JSON body into v, which must be a non-nil pointer
// (the typed call). Status 204, or a body that is empty or only white space,
// leaves v untouched and returns nil. A body that is not valid JSON, or does
// not fit v, is an error wrapping [ErrDecode] and the encoding/json error.
// A leading UTF-8 BOM is skipped, and bytes that are not UTF-8 are replaced
// as [Decode] replaces them.
//
// DecodeInto is safe for concurrent use with distinct v.
func DecodeInto(body []byte, status int, v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("encoders: DecodeInto needs a non-nil pointer, not %T", v)
	}
	body = jsonText(TrimBOM(body))
	if status == http.StatusNoContent || isBlank(body) {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return fmt.Errorf("%w: %w", ErrDecode, err)
		}
		return fmt.Errorf("%w: into %T: %w", ErrDecode, v, err)
	}
	return nil
}

// isBlank reports whether b is empty or only JSON white space.
func isBlank(b []byte) bool {
	return len(bytes.TrimLeft(b, " \t\r\n")) == 0
}

// DecodeUTF8 is b decoded as the WHATWG UTF-8 decoder does, a leading BOM
// aside (kept): valid UTF-8 as it is, each maximal subpart of an ill-formed
// sequence one U+FFFD. It is how fetch's text() and an event stream's
// parser (client.ReadEvents) read bytes.
func DecodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return fetchText(b)
}

// fetchText decodes b as the WHATWG UTF-8 decoder does (fetch's text()):
// each maximal subpart of an ill-formed sequence, a lead byte and the
// continuation bytes that could still have followed it, is one U+FFFD.
func fetchText(b []byte) string {
	var out strings.Builder
	out.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			out.Write(b[i : i+size])
			i += size
			continue
		}
		out.WriteRune(utf8.RuneError)
		i += maximalSubpart(b[i:])
	}
	return out.String()
}

// maximalSubpart is the length of the ill-formed sequence at the start of
// b: its lead byte, and the continuation bytes after it that fit the
// sequence that byte starts (Unicode's "maximal subpart"), at least 1.
func maximalSubpart(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF) // the second byte's range
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for k := 0; k < need && n < len(b); k++ {
		if d := b[n]; d < lo || d > hi {
			break
		}
		n++
		lo, hi = 0x80, 0xBF
	}
	return n
}
