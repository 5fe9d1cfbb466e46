package client

import (
	"bytes"
	"reflect"
	"sync"

	"github.com/taroreq/taroreq/internal/slots"
)

// A store hit answers the same bytes again and again; decoding them into a
// typed call's T each time costs more than the rest of the hit. decodeMemo
// keeps, per store key, the last value decoded from a stored body, and
// hands it out again when the body is byte for byte the same and the value
// can be copied without sharing memory (no non-nil pointer, map, non-empty
// slice, interface, channel or function in it): the value is then a pure
// function of the bytes and T, whoever asks. Safe for concurrent use.
type decodeMemo struct {
	slots.Table[memoEntry]
	flat sync.Map // reflect.Type → bool: whether its values need no walk
}

// memoMaxBody bounds the bodies kept: larger ones are decoded each time, and
// the memo holds at most slots.Count of these, 1 MiB.
const memoMaxBody = 4 << 10

type memoEntry struct {
	key    string
	typ    reflect.Type
	status int
	body   []byte // a private copy
	value  any    // holds a T that shares no memory: safe to hand to many
}

func newDecodeMemo() *decodeMemo {
	m := new(decodeMemo)
	m.Init()
	return m
}

// get returns the value decoded earlier from these very bytes into typ.
func (m *decodeMemo) get(key string, typ reflect.Type, body []byte, status int) (any, bool) {
	if m == nil || key == "" {
		return nil, false
	}
	e := m.Slot(m.Hash(key)).Load()
	if e == nil || e.key != key || e.typ != typ || e.status != status || !bytes.Equal(e.body, body) {
		return nil, false
	}
	return e.value, true
}

// put remembers value, decoded from body into typ, if it can be shared.
func (m *decodeMemo) put(key string, typ reflect.Type, body []byte, status int, value any) {
	if m == nil || key == "" || len(body) > memoMaxBody || !m.shareable(reflect.ValueOf(value)) {
		return
	}
	m.Slot(m.Hash(key)).Store(&memoEntry{key: key, typ: typ, status: status, body: bytes.Clone(body), value: value})
}

// shareable reports whether copies of v share no memory that a holder could
// change: references are all nil (slices may be empty with no capacity).
func (m *decodeMemo) shareable(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	var flat bool
	if f, ok := m.flat.Load(v.Type()); ok {
		flat = f.(bool)
	} else {
		flat = flatType(v.Type(), 0)
		m.flat.Store(v.Type(), flat)
	}
	return flat || shareableValue(v, 0)
}

// flatType reports whether no value of t can hold a reference.
func flatType(t reflect.Type, depth int) bool {
	if depth > 32 {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Array:
		return flatType(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if !flatType(t.Field(i).Type, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// shareableValue walks v: every reference in it must be nil (or a slice
// without capacity, which an append cannot write through).
func shareableValue(v reflect.Value, depth int) bool {
	if depth > 32 {
		return false
	}
	switch v.Kind() {
	case reflect.Slice:
		return v.Cap() == 0
	case reflect.Map, reflect.Pointer, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return v.IsNil()
	case reflect.Array:
		for i := range v.Len() {
			if !shareableValue(v.Index(i), depth+1) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range v.NumField() {
			if !shareableValue(v.Field(i), depth+1) {
				return false
			}
		}
		return true
	}
	return true // bool, numbers, string: values
}
