// Package encoders turns Taro-style request data into query strings and
// request bodies, and response bodies into the Response's Data, following the
// "Data encoding" and "Response" sections of the taroreq Option contract.
//
// # Request data
//
// For GET and HEAD, [Query] writes the data as "k=v&k=v", each key and value
// escaped exactly like JavaScript's encodeURIComponent ([EncodeURIComponent]),
// and [AppendQuery] joins it onto the URL. Map keys come out sorted, struct
// fields in declaration order (json tags name them; omitempty, omitzero and
// "-" are honoured), nested objects and arrays as their JSON text. Nil values
// are left out entirely: Taro's serializeParams would send "k=null", leaving
// them out is a deliberate choice.
//
// For other methods, [Registry.EncodeBody] makes a [Body]: strings, byte
// slices and io.Readers are the body as they are; maps, slices and structs are
// encoded by the [Encoder] registered for the request's content type
// (application/json when none is set).
//
// # Response data
//
// [Decode] gives the Response's Data for a buffered body: parsed JSON for
// DataType "json", a string for other data types, the raw bytes for
// ResponseType "arraybuffer". A body that is not JSON is not a failure of the
// request: Decode returns nil data and an error wrapping [ErrDecode]. The
// typed form, [DecodeInto], decodes into a caller's value.
//
// # Concurrency
//
// Every function of the package is safe for concurrent use. A [Registry] may
// be shared by goroutines; there is no package-level mutable state besides a
// read-mostly cache of struct field layouts.
package encoders

import "errors"

// Data types and response types of the Option contract.
const (
	// DataTypeJSON is the default DataType: the body is parsed as JSON.
	DataTypeJSON = "json"
	// ResponseTypeText is the default ResponseType: Data is a string unless
	// parsed as JSON.
	ResponseTypeText = "text"
	// ResponseTypeArrayBuffer makes Data the body's []byte, never parsed.
	ResponseTypeArrayBuffer = "arraybuffer"
)

// Errors of the package. They are wrapped with details; test them with
// errors.Is.
var (
	// ErrUnencodable: the data cannot be encoded (chan, func, complex,
	// cyclic data, a kind the chosen encoding does not support).
	ErrUnencodable = errors.New("encoders: data cannot be encoded")
	// ErrUnsupportedContentType: no encoder is registered for the request's
	// content type. The wrapping error names the content type.
	ErrUnsupportedContentType = errors.New("encoders: no encoder for content type")
	// ErrDecode: the response body could not be decoded: it is not valid
	// JSON, or it does not fit the typed value (the wrapping error names
	// the type). The wrapping error also wraps the encoding/json error.
	ErrDecode = errors.New("encoders: response body cannot be decoded")
	// ErrBodyTooLarge: a part of the request body exceeds its buffer bound.
	ErrBodyTooLarge = errors.New("encoders: request body exceeds the buffer bound")
	// ErrNotReplayable: the reader of a streamed (non-replayable) Body was
	// asked for a second time.
	ErrNotReplayable = errors.New("encoders: request body is a stream and cannot be replayed")
)
