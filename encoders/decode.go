package encoders

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
)

// utf8BOM is skipped before JSON parsing, as fetch's Response.json() does.
var utf8BOM = []byte("\xEF\xBB\xBF")

// Decode turns a buffered response body into the Response's Data:
//
//   - responseType "arraybuffer": the body itself, never parsed (not copied;
//     an empty or nil body gives an empty, non-nil []byte).
//   - dataType "json" (or "", the default), responseType "text" (or ""):
//     status 204, or a body that is empty or only white space, gives nil data
//     and a nil error. Valid JSON gives the value decoded into an any
//     (map[string]any, []any, float64, string, bool or nil). A body that is
//     not JSON gives nil data and an error wrapping [ErrDecode] (and the
//     encoding/json error): the caller keeps the raw bytes and this error,
//     it is not a failure of the request. A leading UTF-8 BOM is skipped.
//   - any other dataType: the body as a string.
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
		return string(body), nil
	}
	body = bytes.TrimPrefix(body, utf8BOM)
	if status == http.StatusNoContent || isBlank(body) {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecode, err)
	}
	return v, nil
}

// DecodeInto decodes a JSON body into v, which must be a non-nil pointer
// (the typed call). Status 204, or a body that is empty or only white space,
// leaves v untouched and returns nil. A body that is not valid JSON, or does
// not fit v, is an error wrapping [ErrDecode] and the encoding/json error.
// A leading UTF-8 BOM is skipped.
//
// DecodeInto is safe for concurrent use with distinct v.
func DecodeInto(body []byte, status int, v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("encoders: DecodeInto needs a non-nil pointer, not %T", v)
	}
	body = bytes.TrimPrefix(body, utf8BOM)
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
