package backup

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
)

// NotFailedOverError is the error of a request that was not sent to its
// backups because it may already have been applied. It unwraps to the
// failed URL's error. It is not modified once returned: safe to read from
// several goroutines.
type NotFailedOverError struct {
	Method string // the request's method, which is not idempotent
	Err    error  // the failure of the URL that was tried
}

// Error is Err's text and why the backups were not tried.
func (e *NotFailedOverError) Error() string {
	if e == nil {
		return "backup: nil *backup.NotFailedOverError"
	}
	return fmt.Sprintf("%v (backups not tried: a %s that may have reached the server is not sent again; Idempotent or an Idempotency-Key header allows it)", e.Err, e.Method)
}

// Unwrap returns Err.
func (e *NotFailedOverError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// errBodyNotReplayable is a backup that a request body without GetBody
// (a stream, sent once already) cannot go to. It matches
// encoders.ErrNotReplayable, as the retry layer's error does, so that one
// check names a body that could not be sent again, whichever layer needed
// it again.
type errBodyNotReplayable struct{}

func (errBodyNotReplayable) Error() string { return "request body cannot be replayed to a backup" }

func (errBodyNotReplayable) Is(target error) bool { return target == encoders.ErrNotReplayable }

// URLError is the failure of one URL. It is not modified once returned:
// safe to read from several goroutines.
type URLError struct {
	URL string // redacted: no userinfo, secret query values masked
	Err error  // why the URL failed
}

// Error is the URL and Err's text.
func (e *URLError) Error() string {
	if e == nil {
		return "backup: nil *backup.URLError"
	}
	return e.URL + ": " + fmt.Sprint(e.Err)
}

// Unwrap returns Err.
func (e *URLError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// ExhaustedError joins the failure of every URL, in the order tried. It
// matches ErrExhausted, and each URL's error, with errors.Is. It is not
// modified once returned: safe to read from several goroutines.
type ExhaustedError struct {
	Errs []error // each URL's failure, in the order the URLs were tried
}

// Error counts the URLs and joins their errors' texts.
func (e *ExhaustedError) Error() string {
	if e == nil {
		return "backup: nil *backup.ExhaustedError"
	}
	// A long Backup list would make a text of every URL's failure, which
	// logs carry whole: the first ones and the last (the call's end) are
	// named, the count of those between; Errs holds them all.
	parts := make([]string, 0, min(len(e.Errs), maxEarlier+1))
	for i, err := range e.Errs {
		switch {
		case i < maxEarlier-1 || i == len(e.Errs)-1:
			parts = append(parts, fmt.Sprint(err)) // "<nil>" for a nil one made by hand
		case i == maxEarlier-1:
			parts = append(parts, fmt.Sprintf("(%d more)", len(e.Errs)-maxEarlier))
		}
	}
	return fmt.Sprintf("backup: all %d URLs failed: %s", len(e.Errs), strings.Join(parts, "; "))
}

// Unwrap returns every URL's error, as errors.Join does.
func (e *ExhaustedError) Unwrap() []error {
	if e == nil {
		return nil
	}
	return e.Errs
}

// Is matches ErrExhausted.
func (e *ExhaustedError) Is(target error) bool { return target == ErrExhausted }

// maxEarlier bounds the earlier failures an attemptsError names, as the
// retry layer bounds its Error's.
const maxEarlier = 16

// attemptsError is the failure of a URL's last attempt with those of its
// attempts before it, oldest first. errors.Is and errors.As see only the
// last, what ended the URL.
type attemptsError struct {
	err     error
	earlier []error
}

// Error is the last failure's text, then the earlier ones'.
func (e *attemptsError) Error() string {
	parts := make([]string, 0, min(len(e.earlier), maxEarlier)+1)
	for _, err := range e.earlier[:min(len(e.earlier), maxEarlier)] {
		parts = append(parts, err.Error())
	}
	if more := len(e.earlier) - maxEarlier; more > 0 {
		parts = append(parts, fmt.Sprintf("%d more", more))
	}
	return fmt.Sprintf("%v (earlier attempts: %s)", e.err, strings.Join(parts, "; "))
}

// Unwrap returns the last attempt's failure.
func (e *attemptsError) Unwrap() error { return e.err }

// statusError is a URL that failed with resp's status.
func statusError(r *http.Request, resp *http.Response) error {
	return &URLError{URL: credential.URL(r.URL), Err: errors.New("status " + httpstatus.Line(resp.StatusCode))}
}
