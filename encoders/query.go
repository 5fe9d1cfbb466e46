package encoders

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

var urlValuesType = reflect.TypeFor[url.Values]()

// pair is one key and its (not yet converted) value of query or form data.
type pair struct {
	key string
	val reflect.Value
}

// Query encodes data as a query string "k=v&k=v" (no leading '?'):
//   - nil, or a nil pointer: "".
//   - a string (or []byte): used as it is, not escaped; a leading '?' or '&'
//     is dropped.
//   - url.Values: keys sorted, each value of a key as k=v, repeated in order.
//   - a map whose keys are strings, encoding.TextMarshalers, integers, floats
//     or bools: keys sorted (by their text).
//   - a slice or an array (but []byte): its elements keyed by their
//     indexes in order, "0=a&1=b", as Taro's serializeParams lists an
//     array's Object.keys.
//   - a struct or a pointer to one: exported fields in declaration order,
//     named and selected like encoding/json (json tags, "-", omitempty,
//     omitzero, embedded structs flattened); data that is a json.Marshaler
//     gives the members of the JSON object it marshals to, in
//     its order, as its JSON body has them (JSON that is no object is an
//     error wrapping [ErrUnencodable]). A struct with fields of which
//     none is exported (time.Time, *strings.Reader, *bytes.Buffer) would
//     give an empty query: it is an error wrapping [ErrUnencodable]; so is
//     any io.Reader, whatever its fields (io.NopCloser's, a LimitedReader's).
//
// Values: nil (nil interface, pointer, map or slice) leaves the key out
// entirely; strings as they are; bools and numbers like JavaScript's String()
// (true, 3, 1.5, 1e+21); []byte as a string; time.Time and other
// json.Marshaler or encoding.TextMarshaler values as their JSON text without
// the quotes; nested maps, slices, arrays and structs as their JSON text.
// Every key and value is then escaped with [EncodeURIComponent].
//
// Any other top-level kind (number, bool, chan, func ...) is an error
// wrapping [ErrUnencodable] that names the Go type; so is a value that
// encoding/json cannot encode (chan, func, cyclic data).
//
// Query is safe for concurrent use, provided data is not modified meanwhile.
func Query(data any) (string, error) {
	if s, ok := queryText(data); ok {
		return s, nil
	}
	var buf [256]byte // the usual query is built on the stack, copied once
	b, err := appendQuery(buf[:0], data)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// AppendQueryData appends Query(data) to dst: a caller that puts the query
// after a URL's text makes the whole URL in one allocation.
func AppendQueryData(dst []byte, data any) ([]byte, error) {
	if s, ok := queryText(data); ok {
		return append(dst, s...), nil
	}
	return appendQuery(dst, data)
}

// appendQuery is AppendQueryData for data that queryText did not take.
func appendQuery(dst []byte, data any) ([]byte, error) {
	switch d := data.(type) {
	case map[string]string:
		return appendStringMap(dst, d), nil
	case map[string]any:
		return appendAnyMap(dst, d)
	}
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem() // not nil: queryText took nil
	}
	start := len(dst)
	var err error
	if v.Type() == fileType {
		return dst, errFileNotMultipart // its fields would send the name, not the content
	}
	if _, ok := data.(io.Reader); ok {
		// Its bytes are a body's, not a query's; its fields (a wrapped
		// reader's, io.NopCloser's Reader) are no data of the caller's.
		return dst, fmt.Errorf("%w: %T is a reader, with nothing to put in a query (give GET data as a string, []byte, map, url.Values or struct)", ErrUnencodable, data)
	}
	if m := dataMarshaler(data, v); m != nil {
		// Its JSON form is what it says it is (fields renamed, or left
		// out: a password), as in a JSON body; its Go fields are not.
		pairs, err := marshaledPairs(m, data)
		if err != nil {
			return dst[:start], err
		}
		for _, p := range pairs {
			dst, _ = appendPair(dst, start, p.key, p.val) // strings: no error
		}
		return dst, nil
	}
	if v.Kind() == reflect.Struct {
		// Fields in order, without listing them first.
		fields := structFields(v.Type())
		if len(fields) == 0 && !allLeftOut(v.Type()) && v.NumField() > 0 {
			// A reader, a time, a value with only unexported fields:
			// nothing of it would reach the query, which is then lost.
			// (Exported fields all tagged "-" send nothing, as JSON
			// would: the caller said so.)
			return dst, fmt.Errorf("%w: %T has no exported field to put in a query (give GET data as a string, []byte, map, url.Values or struct)", ErrUnencodable, data)
		}
		for i := range fields {
			f := &fields[i]
			fv, ok := fieldValue(v, f)
			if !ok || (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && isZeroValue(fv)) {
				continue
			}
			if f.plain {
				dst = appendPlainPair(dst, start, f.escaped, fv)
				continue
			}
			if dst, err = appendPair(dst, start, f.name, fv); err != nil {
				return dst[:start], err
			}
		}
		return dst, nil
	}
	pairs, err := collect(v, data)
	if err != nil {
		return dst[:start], err
	}
	for _, p := range pairs {
		if dst, err = appendPair(dst, start, p.key, p.val); err != nil {
			return dst[:start], err
		}
	}
	return dst, nil
}

// marshaledPairs lists the members of the JSON object m marshals to, in its
// order, each value a string: a string's text, a number or bool as written,
// an object or array as its JSON text; a null is left out. JSON that is no
// object (a time's string) is an error wrapping [ErrUnencodable].
func marshaledPairs(m json.Marshaler, data any) ([]pair, error) {
	text, err := m.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("%w: %T: %w", ErrUnencodable, data, err)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%w: %T marshals to JSON that is no object, with no fields to send (give GET data as a string, []byte, map, url.Values or struct)", ErrUnencodable, data)
	}
	var pairs []pair
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %T: %w", ErrUnencodable, data, err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%w: %T: %w", ErrUnencodable, data, err)
		}
		var val string
		switch raw[0] {
		case 'n':
			continue // null: left out, as a nil value is
		case '"':
			_ = json.Unmarshal(raw, &val) // valid: the decoder read it
		case '{', '[':
			var b bytes.Buffer
			_ = json.Compact(&b, raw)
			val = b.String()
		default:
			val = string(raw)
		}
		pairs = append(pairs, pair{key, reflect.ValueOf(val)})
	}
	return pairs, nil
}

// queryText is the query of data given as text (or nothing), as it is.
func queryText(data any) (string, bool) {
	switch d := data.(type) {
	case nil:
		return "", true
	case string:
		return strings.TrimLeft(d, "?&"), true
	case map[string]string, map[string]any:
		return "", false
	}
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", true
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		return strings.TrimLeft(v.String(), "?&"), true
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		return strings.TrimLeft(string(v.Bytes()), "?&"), true
	}
	return "", false
}

// appendPair appends "&key=value" to b, escaped, without the '&' for the
// first pair (the query starts at b[start]); a value that leaves its key
// out appends nothing.
func appendPair(b []byte, start int, key string, val reflect.Value) ([]byte, error) {
	text, ok, err := valueText(val)
	if err != nil {
		return b, fmt.Errorf("%w (key %q)", err, key)
	}
	if !ok {
		return b, nil
	}
	if len(b) > start {
		b = append(b, '&')
	}
	b = appendURIComponent(b, key)
	b = append(b, '=')
	return appendURIComponent(b, text), nil
}

// appendPlainPair is appendPair for a field whose type is plain (see
// plainType): the text written straight into b, after escapedKey (the
// field's name escaped once, with its type). Digits and '-' need no escape.
func appendPlainPair(b []byte, start int, escapedKey string, val reflect.Value) []byte {
	if len(b) > start {
		b = append(b, '&')
	}
	b = append(b, escapedKey...)
	b = append(b, '=')
	switch val.Kind() {
	case reflect.String:
		return appendURIComponent(b, val.String())
	case reflect.Bool:
		return strconv.AppendBool(b, val.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, val.Int(), 10)
	}
	return strconv.AppendUint(b, val.Uint(), 10)
}

// appendStringMap is the fast path of AppendQueryData for
// map[string]string.
func appendStringMap(b []byte, m map[string]string) []byte {
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendURIComponent(b, k)
		b = append(b, '=')
		b = appendURIComponent(b, m[k])
	}
	return b
}

// appendAnyMap is the fast path of AppendQueryData for map[string]any.
func appendAnyMap(b []byte, m map[string]any) ([]byte, error) {
	start := len(b)
	for _, k := range sortedKeys(m) {
		text, ok, err := anyText(m[k])
		if err != nil {
			return b[:start], fmt.Errorf("%w (key %q)", err, k)
		}
		if !ok {
			continue
		}
		if len(b) > start {
			b = append(b, '&')
		}
		b = appendURIComponent(b, k)
		b = append(b, '=')
		b = appendURIComponent(b, text)
	}
	return b, nil
}

// sortedKeys is the keys of m in order: one allocation, where
// slices.Sorted(maps.Keys(m)) grows its slice.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// collect lists the key/value pairs of map, url.Values or struct data v
// (already dereferenced), in output order. data is the caller's value, for
// error messages.
func collect(v reflect.Value, data any) ([]pair, error) {
	if v.Type() == urlValuesType {
		vals := v.Interface().(url.Values)
		var pairs []pair
		for _, k := range slices.Sorted(maps.Keys(vals)) {
			for _, s := range vals[k] {
				pairs = append(pairs, pair{k, reflect.ValueOf(s)})
			}
		}
		return pairs, nil
	}
	switch v.Kind() {
	case reflect.Map:
		pairs := make([]pair, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			k, err := keyText(it.Key())
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, pair{k, it.Value()})
		}
		slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.key, b.key) })
		return pairs, nil
	case reflect.Slice, reflect.Array:
		// Taro's serializeParams lists Object.keys of the data, which
		// for an array are its indexes in order: ["a","b"] is 0=a&1=b,
		// an element that is an object or an array its JSON text. Not
		// byte order (10 after 9), as a JavaScript array lists them.
		pairs := make([]pair, 0, v.Len())
		for i := range v.Len() {
			pairs = append(pairs, pair{strconv.Itoa(i), v.Index(i)})
		}
		return pairs, nil
	case reflect.Struct:
		fields := structFields(v.Type())
		pairs := make([]pair, 0, len(fields))
		for i := range fields {
			f := &fields[i]
			fv, ok := fieldValue(v, f)
			if !ok || (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && isZeroValue(fv)) {
				continue
			}
			pairs = append(pairs, pair{f.name, fv})
		}
		return pairs, nil
	}
	return nil, fmt.Errorf("%w: %T is not a map, url.Values, struct or slice", ErrUnencodable, data)
}

// allLeftOut reports whether struct type t has fields tagged json:"-"
// and none that could have been written but was not: no other exported or
// embedded field (an embedded time.Time gives no field, and JSON would
// write it), so an empty query is what its author asked for.
func allLeftOut(t reflect.Type) bool {
	tagged := false
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Tag.Get("json") == "-":
			tagged = true
		case f.IsExported() || f.Anonymous:
			return false
		}
	}
	return tagged
}
