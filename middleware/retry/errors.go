package retry

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/httpstatus"
)

// Why the layer stopped; every *Error matches one of them with errors.Is.
// When an attempt's response is in hand, the stop is an error only inside a
// client (the request's context carries a middleware.Call, which keeps the
// response as the call's last): a plain http.Client gets the response with
// a nil error, as the RoundTripper contract asks.
var (
	// ErrExhausted: the retry budget was spent and the last attempt failed
	// with an error (a last failed response is handed back instead).
	ErrExhausted = errors.New("retry: attempts exhausted")
	// ErrDeadline: the next wait would end past the context's deadline, or
	// (in a client) the deadline ended an attempt after earlier ones failed.
	ErrDeadline = errors.New("retry: no time left before the deadline")
	// ErrRetryAfter: the server asked for a wait longer than the cap.
	ErrRetryAfter = errors.New("retry: Retry-After exceeds the cap")
	// ErrNotReplayable: the request body cannot be sent again (no GetBody).
	// An *Error of this kind matches encoders.ErrNotReplayable too.
	ErrNotReplayable = errors.New("retry: request body cannot be replayed")
)

// Error says why a failing request was not retried further. It is safe to
// share once returned.
type Error struct {
	Kind       error         // one of the sentinels above
	Attempts   int           // attempts made on this URL
	Wait       time.Duration // the wait that was refused, if any
	RetryAfter bool          // Wait came from a Retry-After header
	StatusCode int           // the last attempt's status, if it got a response
	Err        error         // the last attempt's error, if any
	// Earlier are the failures of the attempts before the last, oldest
	// first (an error, or "status 502" for a response), at most
	// maxEarlier of them: the text says everything that failed. errors.Is
	// and errors.As see only Err, what ended the request.
	Earlier []error
}

// maxEarlier bounds Error.Earlier (and its text) however large the budget.
const maxEarlier = 16

// Error is Kind's text, the attempts made, the refused wait and the
// failures, last and earlier.
func (e *Error) Error() string {
	if e == nil {
		return "retry: nil *retry.Error"
	}
	msg := fmt.Sprintf("%v after %d attempt(s)", e.Kind, e.Attempts)
	if e.Wait > 0 {
		src := "backoff"
		if e.RetryAfter {
			src = "Retry-After"
		}
		msg += fmt.Sprintf(" (%s wait %v)", src, e.Wait)
	}
	if e.StatusCode != 0 {
		msg += ": last status " + httpstatus.Line(e.StatusCode)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if len(e.Earlier) > 0 {
		msg += " (earlier attempts: "
		for i, err := range e.Earlier {
			if i > 0 {
				msg += "; "
			}
			msg += fmt.Sprint(err) // "<nil>" for a nil one made by hand
		}
		if more := e.Attempts - 1 - len(e.Earlier); more > 0 {
			msg += fmt.Sprintf("; %d more", more)
		}
		msg += ")"
	}
	return msg
}

// Unwrap returns the last attempt's error.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Is matches the Kind sentinel; ErrDeadline matches
// context.DeadlineExceeded too, as any other stop at the deadline does (a
// client reports it as a timeout), and ErrNotReplayable matches
// encoders.ErrNotReplayable, so that one check names a body that could not
// be sent again, whichever layer found it.
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	return target == e.Kind || e.Kind == ErrDeadline && target == context.DeadlineExceeded ||
		e.Kind == ErrNotReplayable && target == encoders.ErrNotReplayable
}
