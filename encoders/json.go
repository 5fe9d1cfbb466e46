package encoders

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// MarshalJSON is json.Marshal written as JavaScript's JSON.stringify
// writes the same value: '<', '>' and '&' stay as they are, and so do
// U+2028 and U+2029 (encoding/json always escapes them as \u2028, which
// JSON.stringify does not; RFC 8259 allows both), a negative zero is 0.
// Errors (chan,
// func, complex, cyclic data, NaN, a failing Marshaler) wrap
// [ErrUnencodable] and name the Go type. A panic of a caller's MarshalJSON
// method is not recovered.
//
// It is safe for concurrent use.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("%w: %T as JSON: %w", ErrUnencodable, v, err)
	}
	return asJSONStringify(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})), nil
}

// asJSONStringify rewrites encoding/json's text where JSON.stringify
// writes the same value otherwise: a negative zero is 0 (encoding/json
// writes a float64 -0 as -0, where Taro's request code sends 0), and the
// escapes \u2028 and \u2029 in a string are the characters themselves.
// Other text in strings is left as it is.
func asJSONStringify(b []byte) []byte {
	if !bytes.Contains(b, []byte("-0")) && !bytes.Contains(b, []byte(`\u202`)) {
		return b
	}
	out := b[:0]
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && c == '\\' && i+5 < len(b) && string(b[i+1:i+5]) == "u202" && (b[i+5] == '8' || b[i+5] == '9'):
			out = append(out, 0xe2, 0x80, 0xa8+(b[i+5]-'8')) // U+2028 or U+2029 in UTF-8
			i += 5
			continue
		case inString && c == '\\':
			out = append(out, c, b[i+1]) // encoding/json never ends on an escape
			i++
			continue
		case c == '"':
			inString = !inString
		case !inString && c == '-' && i+1 < len(b) && b[i+1] == '0' && (i+2 == len(b) || strings.IndexByte(",]} \t\r\n", b[i+2]) >= 0):
			continue // the zero follows
		}
		out = append(out, c)
	}
	return out
}

// JSONEncoder is the Encoder of application/json: the data's
// [MarshalJSON] text. It keeps the caller's content type. It has no state
// (its zero value is the encoder) and is safe for concurrent use.
type JSONEncoder struct{}

// Encode implements [Encoder].
func (JSONEncoder) Encode(data any, contentType string) ([]byte, string, error) {
	b, err := MarshalJSON(data)
	return b, "", err
}

// FormEncoder is the Encoder of application/x-www-form-urlencoded: the
// data's [Query] text ("a=1&b=x%20y", space as %20 like encodeURIComponent),
// or a number's or a bool's JavaScript text as fetch sends it. It keeps the
// caller's content type. It has no state (its zero value is the encoder)
// and is safe for concurrent use.
type FormEncoder struct{}

// Encode implements [Encoder].
func (FormEncoder) Encode(data any, contentType string) ([]byte, string, error) {
	if t, ok := scalarText(data); ok {
		return []byte(t), "", nil // fetch sends String(data) when it is no object
	}
	q, err := Query(data)
	if err != nil {
		return nil, "", err
	}
	return []byte(q), "", nil
}

// TextEncoder is the Encoder of text/plain: it accepts string and []byte
// data (of any named type), taken as they are, and a number or a bool as
// its JavaScript text; anything else is an error wrapping
// [ErrUnencodable]. It keeps the caller's content type. It has
// no state (its zero value is the encoder) and is safe for concurrent use.
type TextEncoder struct{}

// Encode implements [Encoder].
func (TextEncoder) Encode(data any, contentType string) ([]byte, string, error) {
	v := reflect.ValueOf(data)
	switch {
	case v.Kind() == reflect.String:
		return []byte(v.String()), "", nil
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		return v.Bytes(), "", nil
	}
	if t, ok := scalarText(data); ok {
		return []byte(t), "", nil
	}
	return nil, "", fmt.Errorf("%w: %T as text/plain (only string, []byte, a number or a bool)", ErrUnencodable, data)
}

// scalarText is the text of a number or a bool as JavaScript's String()
// gives it, what fetch sends for such a body: "42", "1.5", "true".
func scalarText(data any) (string, bool) {
	v := reflect.ValueOf(data)
	switch v.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		t, ok, err := valueText(v)
		return t, ok && err == nil
	}
	return "", false
}
