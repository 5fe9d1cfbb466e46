package client

import (
	"context"
	"reflect"

	"github.com/taroreq/taroreq/encoders"
)

// Result is a Response whose body was decoded into a T. Like the Response,
// it is not modified once Do returns it: safe to read from several
// goroutines, as far as T is.
type Result[T any] struct {
	*Response
	Value T // the decoded body; T's zero value for an empty body or a 204

	// aside: decode into a T of its own, not Value, and leave Value to
	// setValue: interceptors may proceed at once, or after Do returns.
	aside bool
}

// Do sends opt and decodes the JSON body into a T; with a DataType other
// than json, Do[string] (or Do[any]) gets the body's text, and with
// ResponseType arraybuffer Do[[]byte] its bytes, as Request's Data has
// them, where another T is decoded from JSON all the same. A status that is not 2xx
// fails the request with an error wrapping a *StatusError, which keeps the
// status, the header and the start of the body (DecodeError reads the
// server's error document into a type of yours). A body that is not JSON
// fails it with an error wrapping ErrDecode, and so does one that does not
// fit a T by encoding/json's rules (a number past float64's range among
// them, which Request's untyped Data holds as ±Inf, as JSON.parse does).
// Fail is called in both cases.
// An empty body or a 204 leaves Value at its zero value. Response.Data holds
// the same value as Value; an interceptor that answers by itself with Data
// that is not a T leaves Value at its zero value.
func Do[T any](ctx context.Context, c *Client, opt Option) (*Result[T], error) {
	// One allocation for the Result, its value (the decode writes into it)
	// and the Response the client fills.
	r := new(resultWithResponse[T])
	var err error
	r.Response, err = c.runDecoding(ctx, opt, r)
	return &r.Result, err
}

// resultWithResponse is a Result with room for its Response.
type resultWithResponse[T any] struct {
	Result[T]
	room Response
}

// response is the Response for the client to fill.
func (r *resultWithResponse[T]) response() *Response { return &r.room }

// decodeTyped decodes body into r.Value: r is Do's typedDecoder. Each body
// is decoded into a zero T: json.Unmarshal merges into what it is given,
// and r.Value may hold an answer that a DataCheck or StoreCheck refused.
func (r *Result[T]) decodeTyped(body []byte, status int) (any, error) {
	if r.aside {
		v := new(T)
		if err := encoders.DecodeInto(body, status, v); err != nil {
			return nil, err
		}
		return *v, nil
	}
	var zero T
	r.Value = zero
	if err := encoders.DecodeInto(body, status, &r.Value); err != nil {
		return nil, err
	}
	return r.Value, nil
}

// adopt is typedDecoder's: v as the decoded value when it is a T.
func (r *Result[T]) adopt(v any) (any, bool) {
	t, ok := v.(T)
	if !ok {
		return nil, false
	}
	if !r.aside {
		r.Value = t
	}
	return t, true
}

// holds is typedDecoder's: whether v is a T.
func (r *Result[T]) holds(v any) bool {
	_, ok := v.(T)
	return ok
}

// decodeAside makes every later decode use a T of its own (see aside).
func (r *Result[T]) decodeAside() { r.aside = true }

// decodeStored is decodeTyped through the memo: the same stored bytes give
// the value decoded before, when it shares no memory.
func (r *Result[T]) decodeStored(m *decodeMemo, key string, body []byte, status int) (any, error) {
	typ := reflect.TypeFor[T]()
	if v, ok := m.get(key, typ, body, status); ok {
		if !r.aside {
			r.Value = v.(T)
		}
		return v, nil
	}
	data, err := r.decodeTyped(body, status)
	if err == nil {
		m.put(key, typ, body, status, data)
	}
	return data, err
}

// setValue makes r.Value v, or the zero T when v is no T (a failed call's
// Data, which a refused answer of another URL must not outlive).
func (r *Result[T]) setValue(v any) {
	t, _ := v.(T)
	r.Value = t
}
