package encoders

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"reflect"
	"strings"
)

// DefaultMaxFileBytes is the bound of one File's content when
// Multipart.MaxFileBytes is <= 0.
const DefaultMaxFileBytes = 32 << 20

// File is a file part of multipart/form-data: put it (or a *File, or a
// []File for several files under one name) as a value of the data, under the
// form field name.
//
//	Data: map[string]any{
//		"title": "hi",
//		"file":  encoders.File{Name: "a.txt", ContentType: "text/plain", Reader: strings.NewReader("hi")},
//	}
//
// A File is read once, when the body is encoded; Encode does not close its
// Reader (the caller owns it). A File must not be shared by concurrent
// encodings, as its Reader is consumed.
type File struct {
	Name        string    // the file name sent as filename= (the field name is the key)
	ContentType string    // the part's Content-Type; "" means application/octet-stream
	Reader      io.Reader // the content; nil is an empty file
}

// MarshalJSON refuses a File: only a multipart/form-data body sends its
// content. A File in data encoded as JSON, a form or a query (or nested in
// a multipart field's value, which goes as JSON text) would go as
// {"Name":…,"Reader":{}}, the request succeeding with the content lost.
func (File) MarshalJSON() ([]byte, error) { return nil, errFileNotMultipart }

var errFileNotMultipart = fmt.Errorf("%w: an encoders.File is sent only as a field of multipart/form-data data "+
	"(set Content-Type: multipart/form-data)", ErrUnencodable)

// Multipart encodes map or struct data as multipart/form-data. Values that
// are a File (or *File, []File) become file parts; the others are text
// fields, written with the same value-to-text rules as [Query] but not
// escaped (nil values left out). Fields come in the order of Query: map keys
// sorted, struct fields in declaration order; url.Values give one field per
// value.
//
// A File is a field's value: a File as the whole data (no field name), or
// an io.Reader as a field's value (whose JSON text is {}), or one within
// it (a list, a map, a struct: [{}], {"a":{}}), would lose the content,
// and is an error wrapping [ErrUnencodable].
//
// Field names, file names and file content types must not hold control
// characters (CR, LF, NUL...): they go into part headers, where a CR or LF
// would start a header of the caller's choosing and a NUL cuts a file name
// short on some servers. Such a value is an error wrapping [ErrUnencodable];
// quotes and backslashes in names are escaped by mime/multipart.
//
// The boundary is Boundary if set, else the boundary parameter of the
// request's content type if it has one, else a random one. A field value
// or file content holding the boundary delimiter ("--" and the boundary)
// would end its part there, the rest read as other parts: it is an error
// wrapping [ErrUnencodable] (a random boundary is never in the data). Each File is read
// fully, so that the body is replayable; a File longer than MaxFileBytes
// (<= 0 means [DefaultMaxFileBytes]) is an error wrapping [ErrBodyTooLarge].
//
// The zero value is ready to use: a random boundary per body (unless the
// content type names one), files up to [DefaultMaxFileBytes]. A Multipart
// value has no mutable state and is safe for concurrent use.
type Multipart struct {
	Boundary     string // "": the content type's boundary, else a random one
	MaxFileBytes int64  // the most of one File read; <= 0: DefaultMaxFileBytes
}

// Encode implements [Encoder]. The content type to send is
// "multipart/form-data; boundary=...".
func (m Multipart) Encode(data any, contentType string) ([]byte, string, error) {
	return m.EncodeReading(data, contentType, nil)
}

// EncodeReading implements [FileReadingEncoder]: Encode, each File's
// Reader read through read (nil: as it is).
func (m Multipart) EncodeReading(data any, contentType string, read FileReader) ([]byte, string, error) {
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			v = reflect.Value{}
			break
		}
		v = v.Elem()
	}
	var pairs []pair
	if v.IsValid() && v.Type() == fileType {
		// Its fields would go as text fields (Name, ContentType, Reader
		// as {}), the content lost: a file part needs a field name.
		return nil, "", fmt.Errorf("%w: an encoders.File as the whole multipart data has no field name "+
			"(put it in a map or struct: {\"file\": encoders.File{...}})", ErrUnencodable)
	}
	if jm := dataMarshaler(data, v); jm != nil && v.IsValid() {
		var err error
		if pairs, err = marshaledPairs(jm, data); err != nil { // as Query: its JSON form
			return nil, "", err
		}
	} else if v.IsValid() {
		if k := v.Kind(); k == reflect.Slice || k == reflect.Array {
			// A query or a form keys a slice by index, as Taro does; Taro
			// sends a slice under multipart/form-data as String(array),
			// no parts at all: refused, not guessed.
			return nil, "", fmt.Errorf("%w: %T as multipart data (give a map, url.Values or struct: its parts need field names)", ErrUnencodable, data)
		}
		var err error
		if pairs, err = collect(v, data); err != nil {
			return nil, "", err
		}
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	boundary := m.Boundary
	if boundary == "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			boundary = params["boundary"]
		}
	}
	if boundary != "" {
		if err := w.SetBoundary(boundary); err != nil {
			return nil, "", fmt.Errorf("%w: multipart boundary %q: %w", ErrUnencodable, boundary, err)
		}
	}
	limit := m.MaxFileBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	// Everything that can be refused is checked before any File is read: a
	// refused body leaves the caller's readers unread, for a corrected call.
	delim := "--" + w.Boundary()
	for _, p := range pairs {
		if err := checkPair(p, delim); err != nil {
			return nil, "", err
		}
	}
	for _, p := range pairs {
		files, isFile := fileValues(p.val)
		if isFile {
			for _, f := range files {
				start := buf.Len()
				if err := writeFile(w, p.key, f, limit, read); err != nil {
					return nil, "", err
				}
				// The part's header ends with an empty line; the content
				// follows it.
				part := buf.Bytes()[start:]
				if i := bytes.Index(part, []byte("\r\n\r\n")); i >= 0 && bytes.Contains(part[i+4:], []byte(delim)) {
					return nil, "", boundaryError(fmt.Sprintf("file %q of field %q", f.Name, p.key), delim)
				}
			}
			continue
		}
		text, ok, err := valueText(p.val) // checkPair refused a value without text already
		if err != nil {
			return nil, "", fmt.Errorf("%w (field %q)", err, p.key)
		}
		if !ok {
			continue
		}
		if err := w.WriteField(p.key, text); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// checkPair refuses what writeFile or the field's writing would refuse
// before reading anything: names with control characters, a field value
// without text or holding delim, the body's boundary delimiter.
func checkPair(p pair, delim string) error {
	files, isFile := fileValues(p.val)
	if !isFile {
		if err := checkHeaderText("field name", p.key); err != nil {
			return err
		}
		if rt := plainReader(p.val); rt != nil {
			// As JSON text it is {}: the content would be lost.
			return fmt.Errorf("%w: multipart field %q is an io.Reader (%s): give its content as an encoders.File",
				ErrUnencodable, p.key, rt)
		}
		if rt := readerWithin(p.val, 0); rt != nil {
			// As JSON text each is {} ([{}], {"a":{}}): every content would be lost.
			return fmt.Errorf("%w: multipart field %q holds an io.Reader (%s) in a list, map or struct: give each content as an encoders.File ([]encoders.File)",
				ErrUnencodable, p.key, rt)
		}
		text, _, err := valueText(p.val)
		if err != nil {
			return fmt.Errorf("%w (field %q)", err, p.key)
		}
		if strings.Contains(text, delim) {
			return boundaryError(fmt.Sprintf("field %q", p.key), delim)
		}
		return nil
	}
	for _, f := range files {
		for _, c := range [...]struct{ what, s string }{{"field name", p.key}, {"file name", f.Name}, {"file content type", f.ContentType}} {
			if err := checkHeaderText(c.what, c.s); err != nil {
				return err
			}
		}
	}
	return nil
}

// plainReader returns the type of v when it holds a non-nil io.Reader
// with no JSON or text form of its own (a *strings.Reader, an *os.File),
// else nil.
func plainReader(v reflect.Value) reflect.Type {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() || v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	t := v.Type()
	if _, ok := v.Interface().(io.Reader); !ok || t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) {
		return nil
	}
	return t
}

// readerWithin returns the type of the first plain io.Reader (see
// plainReader) that v's JSON text would hold further in: an element of a
// list (not of bytes), a map's value, a struct's field that JSON writes,
// at any depth up to maxReaderDepth, else nil. Its text ({} for each)
// would lose every such content. A value with its own JSON or text form
// is not looked into.
func readerWithin(v reflect.Value, depth int) reflect.Type {
	for (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || depth > maxReaderDepth || v.Type().Implements(jsonMarshalerType) || v.Type().Implements(textMarshalerType) ||
		v.CanAddr() && (v.Addr().Type().Implements(jsonMarshalerType) || v.Addr().Type().Implements(textMarshalerType)) {
		return nil // its own text
	}
	inner := func(e reflect.Value) reflect.Type {
		if rt := plainReader(e); rt != nil {
			return rt
		}
		return readerWithin(e, depth+1)
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		for i := range v.Len() {
			if rt := inner(v.Index(i)); rt != nil {
				return rt
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if rt := inner(it.Value()); rt != nil {
				return rt
			}
		}
	case reflect.Struct:
		for _, f := range reflect.VisibleFields(v.Type()) {
			if len(f.Index) != 1 || !f.IsExported() && !f.Anonymous || f.Tag.Get("json") == "-" {
				continue // not written (an embedded struct's fields are reached through it)
			}
			if rt := inner(v.Field(f.Index[0])); rt != nil {
				return rt
			}
		}
	}
	return nil
}

// maxReaderDepth bounds readerWithin's descent (a cyclic value, which the
// JSON encoding refuses itself, would not end it).
const maxReaderDepth = 32

// boundaryError is the error of a value holding the boundary delimiter:
// it would end its part there, and what follows would be read as parts of
// its own (a field value typed by an end user becoming other fields).
func boundaryError(what, delim string) error {
	return fmt.Errorf("%w: multipart %s holds the boundary delimiter %q (choose another boundary, or leave it to the encoder)",
		ErrUnencodable, what, delim)
}

// fileValues returns the files of a File, non-nil *File, []File or []*File
// value; isFile is false for any other value.
func fileValues(v reflect.Value) (files []*File, isFile bool) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	switch x := v.Interface().(type) {
	case File:
		return []*File{&x}, true
	case *File:
		if x == nil {
			return nil, false // left out like any nil value
		}
		return []*File{x}, true
	case []File:
		for i := range x {
			files = append(files, &x[i])
		}
		return files, true
	case []*File:
		for _, f := range x {
			if f != nil {
				files = append(files, f)
			}
		}
		return files, true
	}
	return nil, false
}

// checkHeaderText refuses a value bound for a part header that holds a
// control character; a horizontal tab is allowed, as in any header value.
func checkHeaderText(what, s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return fmt.Errorf("%w: multipart %s %q holds control character %q", ErrUnencodable, what, s, c)
		}
	}
	return nil
}

// writeFile writes one file part, reading at most limit bytes of f,
// through read when it is not nil; its names were checked (checkPair).
func writeFile(w *multipart.Writer, name string, f *File, limit int64, read FileReader) error {
	h := make(textproto.MIMEHeader, 2)
	h.Set("Content-Disposition", multipart.FileContentDisposition(name, f.Name))
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	part, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	if f.Reader == nil || isNilPointer(f.Reader) {
		return nil
	}
	r := f.Reader
	if read != nil {
		var err error
		if r, err = read(r, limit); err != nil {
			return fmt.Errorf("encoders: reading file %q of field %q: %w", f.Name, name, err)
		}
	}
	n, err := io.Copy(part, io.LimitReader(r, limit+1))
	if err != nil {
		return fmt.Errorf("encoders: reading file %q of field %q: %w", f.Name, name, err)
	}
	if n > limit {
		return fmt.Errorf("%w: file %q of field %q is over %d bytes", ErrBodyTooLarge, f.Name, name, limit)
	}
	return nil
}
