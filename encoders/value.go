package encoders

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	fileType          = reflect.TypeFor[File]()
)

// valueText turns one query or form value into its text (not escaped).
// ok is false when the value is nil and must be left out. The rules:
// strings as they are; bools and numbers like JavaScript's String();
// []byte as a string; json.Marshaler and encoding.TextMarshaler values
// (time.Time ...) as their JSON text, without the quotes of a JSON string;
// maps, slices, arrays and structs as their JSON text.
func valueText(v reflect.Value) (text string, ok bool, err error) {
	for {
		if !v.IsValid() {
			return "", false, nil
		}
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice:
			if v.IsNil() {
				return "", false, nil
			}
		}
		if v.CanInterface() && (v.Type().Implements(jsonMarshalerType) || v.Type().Implements(textMarshalerType)) {
			return marshalText(v.Interface())
		}
		if v.CanAddr() && v.Addr().CanInterface() && pointerMarshals(v.Type()) {
			// A method on the pointer receiver, which encoding/json
			// calls for a value it can address (a field of data given
			// by pointer), as in the JSON body.
			return marshalText(v.Addr().Interface())
		}
		if v.Kind() != reflect.Interface && v.Kind() != reflect.Pointer {
			break
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), true, nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10), true, nil
	case reflect.Float32:
		return formatNumber(v.Float(), 32), true, nil
	case reflect.Float64:
		return formatNumber(v.Float(), 64), true, nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return string(v.Bytes()), true, nil
		}
		return marshalText(v.Interface())
	case reflect.Map, reflect.Array, reflect.Struct:
		if !v.CanInterface() {
			return "", false, fmt.Errorf("%w: %s value of an unexported field", ErrUnencodable, v.Type())
		}
		if v.CanAddr() {
			// By address, as the JSON body marshals it: the pointer
			// receiver's MarshalJSON of a field or element inside is
			// called there too.
			return marshalText(v.Addr().Interface())
		}
		return marshalText(v.Interface())
	}
	return "", false, fmt.Errorf("%w: %s value", ErrUnencodable, v.Type())
}

// pointerMarshals reports whether *t, not t, has MarshalJSON or
// MarshalText: encoding/json calls it for an addressable t.
func pointerMarshals(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
		return false
	}
	pt := reflect.PointerTo(t)
	return pt.Implements(jsonMarshalerType) || pt.Implements(textMarshalerType)
}

// dataMarshaler is data's json.Marshaler as encoding/json finds it: data
// itself, or, for data given through pointers, the pointer to v (data
// dereferenced) whose receiver has the method; nil when there is none.
func dataMarshaler(data any, v reflect.Value) json.Marshaler {
	if m, ok := data.(json.Marshaler); ok {
		return m
	}
	if v.IsValid() && v.CanAddr() && v.Addr().CanInterface() {
		if m, ok := v.Addr().Interface().(json.Marshaler); ok {
			return m
		}
	}
	return nil
}

// anyText is valueText with a fast path for the common dynamic types.
func anyText(x any) (string, bool, error) {
	switch x := x.(type) {
	case nil:
		return "", false, nil
	case string:
		return x, true, nil
	case bool:
		return strconv.FormatBool(x), true, nil
	case int:
		return strconv.Itoa(x), true, nil
	case int64:
		return strconv.FormatInt(x, 10), true, nil
	case float64:
		return formatNumber(x, 64), true, nil
	}
	return valueText(reflect.ValueOf(x))
}

// marshalText is the JSON text of x; a JSON string is unquoted.
func marshalText(x any) (string, bool, error) {
	b, err := MarshalJSON(x)
	if err != nil {
		return "", false, err
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err == nil {
			return s, true, nil
		}
	}
	if string(b) == "null" {
		return "", false, nil // a marshaler that says null is left out like nil
	}
	return string(b), true, nil
}

// NumberText is the text JavaScript's String(number) gives f: "3" for
// 3.0, "1000" for 1e3, "1e+21", "Infinity".
func NumberText(f float64) string { return formatNumber(f, 64) }

// formatNumber formats f like JavaScript's String(number): integral values
// without ".0", the shortest text that round-trips, exponent form ("1e+21",
// "1.5e-7") outside [1e-6, 1e21), "NaN", "Infinity", "-Infinity", and "0"
// for negative zero. bitSize 32 gives the shortest text of a float32.
func formatNumber(f float64, bitSize int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, bitSize) // e.g. "1.5e-07"
		mant, exp, _ := strings.Cut(s, "e")
		return mant + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
	}
	return strconv.FormatFloat(f, 'f', -1, bitSize)
}

// keyText turns a map key into its text, as encoding/json does for map keys
// (strings, encoding.TextMarshaler, integers), plus bools and floats.
func keyText(k reflect.Value) (string, error) {
	if k.Kind() == reflect.Interface {
		if k.IsNil() {
			return "", fmt.Errorf("%w: nil map key", ErrUnencodable)
		}
		k = k.Elem()
	}
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if k.CanInterface() && k.Type().Implements(textMarshalerType) {
		if k.Kind() == reflect.Pointer && k.IsNil() {
			return "", fmt.Errorf("%w: nil map key", ErrUnencodable)
		}
		b, err := k.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return "", fmt.Errorf("%w: map key %s: %w", ErrUnencodable, k.Type(), err)
		}
		return string(b), nil
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	case reflect.Float32:
		return formatNumber(k.Float(), 32), nil
	case reflect.Float64:
		return formatNumber(k.Float(), 64), nil
	case reflect.Bool:
		return strconv.FormatBool(k.Bool()), nil
	}
	return "", fmt.Errorf("%w: map key type %s", ErrUnencodable, k.Type())
}
