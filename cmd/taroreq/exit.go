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

// Exit codes, documented in the help text (usage.go): httpie's, and
// taroreq's own outcomes on codes httpie does not use.
const (
	exitOK          = 0   // the request succeeded
	exitError       = 1   // any other failure: connection refused, reset, DNS, writing -o, a body too large
	exitUsage       = 2   // bad flags, items or URL (httpie: argparse's 2)
	exitTimeout     = 2   // an attempt ran past --timeout and no retry or backup mended it (httpie)
	exitStatus3xx   = 3   // --check-status and a final 3xx
	exitStatus4xx   = 4   // --check-status and a final 4xx
	exitStatus5xx   = 5   // --check-status and a final 5xx
	exitRedirects   = 6   // more than 20 redirects (httpie: --max-redirects)
	exitDataCheck   = 8   // --data-check rejected the response of every URL (taroreq's own)
	exitBreaker     = 9   // the circuit breaker was open (taroreq's own)
	exitInterrupted = 130 // interrupted (Ctrl-C)
)

// exitTransport is httpie's code for a request that failed on the network.
const exitTransport = exitError

// statusExit is --check-status's code for a final status, 0 below 300.
func statusExit(status int) int {
	switch {
	case status >= 500:
		return exitStatus5xx
	case status >= 400:
		return exitStatus4xx
	case status >= 300:
		return exitStatus3xx
	}
	return exitOK
}

// errUsage marks an error of the command line: exit 2 with the help.
var errUsage = errors.New("usage")

// usageError is a command-line mistake.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == errUsage }

// isUsage reports whether err is a mistake of the command line, found by
// the parser or refused by the client before any I/O.
func isUsage(err error) bool {
	for _, target := range []error{errUsage, client.ErrInvalidURL, client.ErrInvalidMethod, client.ErrInvalidOption,
		client.ErrInvalidHeader, client.ErrCrossOrigin, encoders.ErrUnencodable, encoders.ErrUnsupportedContentType} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// exitCode maps the error of a request to the exit code. When several URLs
// failed for different reasons the first match of this order wins: usage,
// interrupt, breaker open, dataCheck, timeout, then the rest.
func exitCode(err error) int { return requestExitCode(err, false) }

// requestExitCode is exitCode for a request that may have been sent: once
// one was (a redirect that --mode same-origin refuses), a refusal is a
// failure of the request, no mistake of the command line.
func requestExitCode(err error, sent bool) int {
	switch {
	case err == nil:
		return exitOK
	case isUsage(err) && !sent:
		return exitUsage
	case errors.Is(err, client.ErrAbort), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, client.ErrTooManyRedirects):
		return exitRedirects
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
