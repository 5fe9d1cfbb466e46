package middleware

import (
	"errors"
	"fmt"
)

// ErrStreamBroken matches a streamed body (Settings.Streaming) that failed
// after some of it had reached the caller: it is not retried or failed
// over, since the caller already holds the first bytes.
var ErrStreamBroken = errors.New("stream broken")

// StreamError is a streamed body that failed after Delivered bytes had been
// handed to the caller. It matches ErrStreamBroken and unwraps to the
// read's error (a timeout.Error for an idle stream, one matching
// retry.ErrResumeRefused for a resume the server refused). It is not
// modified once returned: safe to read from several goroutines.
type StreamError struct {
	Delivered int64 // bytes of the body the caller got before the failure
	Resumed   int   // Range requests that continued the body before it
	Err       error // the read's error, which Unwrap gives
}

// Error says how many bytes were delivered (and resumed) before Err.
func (e *StreamError) Error() string {
	if e == nil {
		return "stream broken: nil *middleware.StreamError"
	}
	if e.Resumed > 0 {
		return fmt.Sprintf("stream broken after %d bytes delivered (%d resumed): %v", e.Delivered, e.Resumed, e.Err)
	}
	return fmt.Sprintf("stream broken after %d bytes delivered: %v", e.Delivered, e.Err)
}

// Unwrap returns Err, the read's error.
func (e *StreamError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Is makes the error match ErrStreamBroken.
func (e *StreamError) Is(target error) bool { return target == ErrStreamBroken }
