package httpcache

import (
	"errors"
	"reflect"
	"strings"
)

// http2Broken reports whether err is net/http's HTTP/2 transport (or
// golang.org/x/net/http2's) saying that the server reset the stream
// (RST_STREAM), sent GOAWAY, broke the connection's framing or lost the
// connection: HTTP/2's reset, which the HTTP/1 one (ECONNRESET, a cut
// body) stands for over HTTP/1. Its error types are unexported: their
// type tells them, read by reflection, not their text, which may quote
// the origin's words (net/http's bad Content-Length "connection error: 1"
// is an answer, not a reset). A malformed answer or a header block over
// the transport's limit is not one (over HTTP/1 it is no reset either),
// nor the client closing its own connection.
func http2Broken(err error) bool {
	for err != nil {
		if http2Reset(err) {
			return true
		}
		if errs, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range errs.Unwrap() {
				if http2Broken(e) {
					return true
				}
			}
			return false
		}
		err = errors.Unwrap(err)
	}
	return false
}

// http2Reset reports whether err itself (not what it wraps) is one of the
// errors http2Broken looks for.
func http2Reset(err error) bool {
	if err.Error() == "http2: client connection lost" { // a lost ping's, errors.New
		return true
	}
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if p := t.PkgPath(); p != "net/http" && p != "golang.org/x/net/http2" {
		return false
	}
	switch strings.TrimPrefix(t.Name(), "http2") {
	case "ConnectionError", "GoAwayError":
		return true
	case "StreamError":
		v := reflect.Indirect(reflect.ValueOf(err))
		if v.Kind() != reflect.Struct {
			return false
		}
		// Its Cause: none (the server broke the stream's framing), or
		// "received from peer" (its RST_STREAM); any other is the
		// transport's word on the answer the server sent (a malformed
		// :status or field, a header block over the limit), which over
		// HTTP/1 fails the call too.
		if c := v.FieldByName("Cause"); c.IsValid() && c.Kind() == reflect.Interface && !c.IsNil() {
			cause, ok := c.Interface().(error)
			return ok && cause.Error() == "received from peer"
		}
		return true
	}
	return false
}
