package main

import (
	"context"
	"errors"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// Exit codes, documented in the help text (usage.go).
const (
	exitOK          = 0   // the request succeeded
	exitError       = 1   // any other failure: writing -o, the store file, a body too large
	exitUsage       = 2   // bad flags, items or URL; the help is printed
	exitTransport   = 3   // the request failed: connection refused, reset, DNS, every URL failed
	exitTimeout     = 4   // an attempt ran past --timeout and no retry or backup mended it
	exitDataCheck   = 5   // --data-check rejected the response of every URL
	exitBreaker     = 6   // the circuit breaker was open
	exitStatus      = 7   // --check-status and the final status was 400 or more
	exitInterrupted = 130 // interrupted (Ctrl-C)
)

// errUsage marks an error of the command line: exit 2 with the help.
var errUsage = errors.New("usage")

// usageError is a command-line mistake.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == errUsage }

// exitCode maps the error of a request to the exit code. When several URLs
// failed for different reasons the first match of this order wins: usage,
// interrupt, breaker open, dataCheck, timeout, then the rest.
func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage),
		errors.Is(err, client.ErrInvalidURL),
		errors.Is(err, client.ErrInvalidMethod),
		errors.Is(err, client.ErrInvalidOption),
		errors.Is(err, client.ErrInvalidHeader),
		errors.Is(err, client.ErrCrossOrigin),
		errors.Is(err, encoders.ErrUnencodable),
		errors.Is(err, encoders.ErrUnsupportedContentType):
		return exitUsage
	case errors.Is(err, client.ErrAbort), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, breaker.ErrOpen):
		return exitBreaker
	case errors.Is(err, datacheck.ErrRejected):
		return exitDataCheck
	case errors.Is(err, timeout.ErrExceeded), errors.Is(err, context.DeadlineExceeded):
		return exitTimeout
	case errors.Is(err, client.ErrResponseTooLarge),
		errors.Is(err, datacheck.ErrTooLarge),
		errors.Is(err, encoders.ErrJSONP),
		errors.Is(err, client.ErrDecode):
		return exitError
	}
	var ce *client.Error
	if errors.As(err, &ce) {
		return exitTransport
	}
	return exitError
}
