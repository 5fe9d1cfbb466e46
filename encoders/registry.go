package encoders

import (
	"fmt"
	"io"
	"maps"
	"mime"
	"reflect"
	"strings"
	"sync"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// Encoder encodes request data for one media type. contentType is the
// request's full Content-Type header (it may carry parameters). Encode
// returns the body and the Content-Type to send (e.g. with a multipart
// boundary), or "" to keep contentType. An Encoder registered in a Registry
// must be safe for concurrent use.
type Encoder interface {
	// Encode returns data's body and the Content-Type to send ("": keep
	// contentType), or an error (the built-in encoders wrap
	// ErrUnencodable in theirs for data they cannot encode).
	Encode(data any, contentType string) (body []byte, sendContentType string, err error)
}

// A FileReader gives what to read in place of r, a [File]'s Reader of
// which an encoder reads at most limit+1 bytes: the client reads r within
// its call's context and Timeout, so that a reader that stalls cannot hold
// the call. The encoder calls it from the goroutine it encodes on; the
// client makes one for each call, never shared between calls.
type FileReader func(r io.Reader, limit int64) (io.Reader, error)

// A FileReadingEncoder is an Encoder that reads the Files of data through
// a FileReader given per call ([Multipart] is one). Registry.EncodeBodyReading
// uses it; another Encoder reads Files as it does. Registered in a
// Registry, it must be safe for concurrent use, as any Encoder.
type FileReadingEncoder interface {
	Encoder
	// EncodeReading is Encode, each File's Reader read through read (nil:
	// as it is).
	EncodeReading(data any, contentType string, read FileReader) (body []byte, sendContentType string, err error)
}

// EncoderFunc adapts a function to the Encoder interface. It is as safe
// for concurrent use as the function is; in a Registry it must be.
type EncoderFunc func(data any, contentType string) ([]byte, string, error)

// Encode calls f(data, contentType).
func (f EncoderFunc) Encode(data any, contentType string) ([]byte, string, error) {
	return f(data, contentType)
}

// DefaultMaxBuffered is the buffer bound of an io.Reader body when
// EncodeBody is given maxBuffered <= 0.
const DefaultMaxBuffered = 8 << 20

// Registry maps media types (lower-case, without parameters, e.g.
// "application/json") to encoders. It is safe for concurrent use. There is
// no global registry: each client owns one. Its zero value is empty, without
// the built-in encoders that NewRegistry holds; a nil *Registry reads as an
// empty one (Lookup, Clone, EncodeBody), but cannot Register.
type Registry struct {
	mu       sync.RWMutex
	encoders map[string]Encoder
}

// NewRegistry returns a registry holding the encoders of
// application/json ([JSONEncoder]), application/x-www-form-urlencoded
// ([FormEncoder], the Query rules), multipart/form-data ([Multipart]{}) and
// text/plain ([TextEncoder]: string and []byte data only).
func NewRegistry() *Registry {
	return &Registry{encoders: map[string]Encoder{
		"application/json":                  JSONEncoder{},
		"application/x-www-form-urlencoded": FormEncoder{},
		"multipart/form-data":               Multipart{},
		"text/plain":                        TextEncoder{},
	}}
}

// Register makes e the encoder of mediaType, replacing any other. mediaType
// is normalised: parameters dropped, lower-cased. A nil e (or a nil
// EncoderFunc) removes the registration.
func (r *Registry) Register(mediaType string, e Encoder) {
	mt := MediaType(mediaType)
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := e.(EncoderFunc); e == nil || ok && f == nil {
		delete(r.encoders, mt)
		return
	}
	if r.encoders == nil {
		r.encoders = map[string]Encoder{}
	}
	r.encoders[mt] = e
}

// Lookup returns the encoder of contentType's media type. A media type with
// the structured syntax suffix "+json" (application/vnd.api+json ...) that
// has no encoder of its own gets the application/json one.
func (r *Registry) Lookup(contentType string) (Encoder, bool) {
	if r == nil {
		return nil, false // a nil Registry is an empty one, as its zero value
	}
	mt := MediaType(contentType)
	r.mu.RLock()
	defer r.mu.RUnlock()
	if e, ok := r.encoders[mt]; ok {
		return e, true
	}
	if strings.HasSuffix(mt, "+json") {
		e, ok := r.encoders["application/json"]
		return e, ok
	}
	return nil, false
}

// Clone returns a copy of r that can be changed independently (an empty
// Registry for a nil r).
func (r *Registry) Clone() *Registry {
	if r == nil {
		return &Registry{}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return &Registry{encoders: maps.Clone(r.encoders)}
}

// MediaType returns the media type of a Content-Type header value,
// lower-case and without parameters: mime.ParseMediaType's, or, when it
// fails, the text before ';', trimmed and lower-cased.
func MediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// EncodeBody encodes data as the body of a request whose method is not GET
// or HEAD (for those, the caller uses [Query]). contentType is the request's
// Content-Type header ("" when none is set).
//
//   - nil, a nil pointer, a nil map or slice: a nil Body and a nil error
//     (no body, rather than the JSON text null).
//   - a string or []byte (of any named type, json.RawMessage included): the
//     bytes as they are, ContentType "". A []byte is not copied: the caller
//     must not modify it while the request may be sent.
//   - an io.Reader: read up to maxBuffered bytes (maxBuffered <= 0 means
//     [DefaultMaxBuffered]). If it fits, the body is buffered and replayable,
//     and the reader is closed if it is an io.Closer. If not, the body is a
//     non-replayable stream of the bytes read followed by the rest of the
//     reader, which is closed when the stream's reader is closed.
//   - chan, func, complex and unsafe pointer data: an error wrapping
//     [ErrUnencodable].
//   - anything else (map, slice, array, struct, url.Values, bool, number, and
//     pointers to them): contentType "" means application/json, and the
//     Body's ContentType is then "application/json". Otherwise the encoder
//     registered for contentType's media type encodes it, or, with none, a
//     number or a bool is its JavaScript text ("7", "true"), as fetch sends
//     it, and other data's error wraps [ErrUnsupportedContentType] and
//     names the content type.
func (r *Registry) EncodeBody(data any, contentType string, maxBuffered int64) (*Body, error) {
	return r.EncodeBodyReading(data, contentType, maxBuffered, nil)
}

// EncodeBodyReading is EncodeBody with read for the Files of data, when the
// encoder for contentType is a FileReadingEncoder.
func (r *Registry) EncodeBodyReading(data any, contentType string, maxBuffered int64, read FileReader) (*Body, error) {
	if data == nil {
		return nil, nil
	}
	if rd, ok := data.(io.Reader); ok {
		if isNilPointer(rd) {
			return nil, nil // a nil *bytes.Buffer is no body, as any nil pointer
		}
		if maxBuffered <= 0 {
			maxBuffered = DefaultMaxBuffered
		}
		return readBody(rd, maxBuffered)
	}
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	if (v.Kind() == reflect.Map || v.Kind() == reflect.Slice) && v.IsNil() {
		return nil, nil
	}
	switch v.Kind() {
	case reflect.String:
		return &Body{buf: []byte(v.String())}, nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return &Body{buf: v.Bytes()}, nil
		}
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer, reflect.Invalid:
		return nil, fmt.Errorf("%w: %T as a request body", ErrUnencodable, data)
	}
	send := contentType
	if strings.TrimSpace(send) == "" {
		send = "application/json"
	}
	enc, ok := r.Lookup(send)
	if t, scalar := scalarText(v.Interface()); !ok && scalar {
		// A number or a bool needs no encoder: fetch sends its text
		// whatever the type says (String(7)), as Taro hands it over.
		return &Body{buf: []byte(t)}, nil
	}
	if !ok {
		// Named without its parameters' values: one may hold a token.
		return nil, fmt.Errorf("%w %s (for %T data)", ErrUnsupportedContentType, optiontext.ContentType(contentType), data)
	}
	var b []byte
	var ct string
	var err error
	if fr, ok := enc.(FileReadingEncoder); ok && read != nil {
		b, ct, err = fr.EncodeReading(data, send, read)
	} else {
		b, ct, err = enc.Encode(data, send)
	}
	if err != nil {
		return nil, err
	}
	if ct == "" && send != contentType {
		ct = send
	}
	return &Body{ContentType: ct, buf: b}, nil
}

// isNilPointer reports whether x holds a nil pointer, such as a nil
// *bytes.Buffer in an io.Reader: calling its methods would panic.
func isNilPointer(x any) bool {
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
