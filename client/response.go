package client

import (
	"fmt"
	"net/http"
)

// Response is what a request gives back. On failure it still carries ErrMsg
// (and the status and headers of the last response, if one arrived).
// A Response is not modified after it is returned; it is safe to read from
// several goroutines.
type Response struct {
	// Data is the decoded body: for DataType "json" the JSON value
	// (map[string]any, []any, float64, string, bool) or nil for an empty
	// body, a 204 or a body that is not JSON; for ResponseType "arraybuffer"
	// the bytes; otherwise the body as a string. For Do, the typed value.
	Data       any
	StatusCode int
	Header     http.Header
	Cookies    []*http.Cookie
	// ErrMsg is "request:ok" or "request:fail <reason>".
	ErrMsg string
	// Raw is the body as received (bounded by the client's response size).
	Raw []byte
	// DecodeErr is set when DataType is "json" and the body is not JSON; the
	// request still succeeds (Taro resolves with null data).
	DecodeErr error
	// URL is the URL that answered: a backup's, or the last redirect's.
	URL string
	// Attempts counts the attempts sent, retries and backups included; 0
	// for an answer from the store, or from the HTTP cache without I/O.
	Attempts int
	// FromStore is true when the store answered (Option.UseStore): before
	// the network, or as the stale fallback once every URL had failed.
	FromStore bool
	// FromCache is true when the HTTP cache answered without the network or
	// after a 304 revalidation.
	FromCache bool
}

// OK returns nil for a 2xx status and a *StatusError otherwise, for callers
// who want non-2xx responses as errors (fetch semantics treat them as
// responses).
func (r *Response) OK() error {
	if r == nil {
		return &StatusError{}
	}
	if r.StatusCode >= 200 && r.StatusCode < 300 {
		return nil
	}
	return &StatusError{StatusCode: r.StatusCode, URL: r.URL}
}

// StatusError is a response whose status is not 2xx (see Response.OK).
type StatusError struct {
	StatusCode int
	URL        string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("taroreq: %s: status %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}
