package client

import (
	"bytes"
	"context"
	"io"
	"mime"
	"reflect"
	"strings"

	"github.com/taroreq/taroreq/encoders"
)

// A multipart File's Reader is read whole when the body is encoded, in
// build, which has no ctx: a reader that stalls (a pipe, a socket) held the
// call for ever. watchFiles reads such readers first, as an io.Reader Data
// is read (readWatched: within ctx, and never waiting more than the
// attempt's timeout for more bytes), and hands build a copy of Data whose
// Files carry the bytes. The caller's Data, maps and Files are not changed,
// and a File's Reader is not closed once read (Encode does not close it
// either): only one given up on is, to end its Read.

// watchFiles replaces opt.Data, for a multipart request whose Data holds
// Files (as map values or struct fields: a File, *File, []File or []*File)
// with readers not in memory, by a copy whose Files hold what was read.
func (c *Client) watchFiles(ctx context.Context, opt *Option) error {
	if opt.Data == nil || opt.Header == nil || !isMultipart(opt.Header.Get("Content-Type")) || bodilessMethod(opt.Method) {
		return nil
	}
	v := reflect.ValueOf(opt.Data)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	read := func(f encoders.File) (encoders.File, error) {
		b, err := readWatched(ctx, f.Reader, encoders.DefaultMaxFileBytes, attemptTimeout(opt.Timeout), false)
		if err != nil {
			return f, err
		}
		switch x := b.(type) {
		case []byte:
			f.Reader = bytes.NewReader(x)
		case io.Reader:
			f.Reader = x // over the bound: the encoder says so
		}
		return f, nil
	}
	var out reflect.Value
	switch v.Kind() {
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			nv, changed, err := watchedFileValue(it.Value(), read)
			if err != nil {
				return err
			}
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeMapWithSize(v.Type(), v.Len())
				for it := v.MapRange(); it.Next(); {
					out.SetMapIndex(it.Key(), it.Value())
				}
			}
			out.SetMapIndex(it.Key(), nv)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			nv, changed, err := watchedFileValue(v.Field(i), read)
			if err != nil {
				return err
			}
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Field(i).Set(nv)
		}
	}
	if out.IsValid() {
		opt.Data = out.Interface()
	}
	return nil
}

// watchedFileValue returns v (a File, *File, []File or []*File, maybe in
// an interface) with each File whose Reader is not in memory replaced by
// read's copy; changed is false, and v as it is, when there is none.
func watchedFileValue(v reflect.Value, read func(encoders.File) (encoders.File, error)) (reflect.Value, bool, error) {
	w := v
	for w.Kind() == reflect.Interface && !w.IsNil() {
		w = w.Elem()
	}
	if !w.IsValid() || !w.CanInterface() {
		return v, false, nil
	}
	one := func(f *encoders.File) (*encoders.File, bool, error) {
		if f == nil || f.Reader == nil || isNilReader(f.Reader) || inMemory(f.Reader) {
			return f, false, nil
		}
		nf, err := read(*f)
		return &nf, true, err
	}
	var nv any
	switch x := w.Interface().(type) {
	case encoders.File:
		f, changed, err := one(&x)
		if !changed || err != nil {
			return v, false, err
		}
		nv = *f
	case *encoders.File:
		f, changed, err := one(x)
		if !changed || err != nil {
			return v, false, err
		}
		nv = f
	case []encoders.File:
		var cp []encoders.File
		for i := range x {
			f, changed, err := one(&x[i])
			if err != nil {
				return v, false, err
			}
			if changed {
				if cp == nil {
					cp = append([]encoders.File(nil), x...)
				}
				cp[i] = *f
			}
		}
		if cp == nil {
			return v, false, nil
		}
		nv = cp
	case []*encoders.File:
		var cp []*encoders.File
		for i, f := range x {
			nf, changed, err := one(f)
			if err != nil {
				return v, false, err
			}
			if changed {
				if cp == nil {
					cp = append([]*encoders.File(nil), x...)
				}
				cp[i] = nf
			}
		}
		if cp == nil {
			return v, false, nil
		}
		nv = cp
	default:
		return v, false, nil
	}
	out := reflect.ValueOf(nv)
	if v.Kind() == reflect.Interface {
		iv := reflect.New(v.Type()).Elem()
		iv.Set(out)
		out = iv
	}
	return out, true, nil
}

// isMultipart reports whether a Content-Type is multipart/form-data.
func isMultipart(ct string) bool {
	if len(ct) < len("multipart/") || !strings.EqualFold(ct[:len("multipart/")], "multipart/") {
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "multipart/form-data"
}
