package tracing

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"github.com/taroreq/taroreq/internal/optiontext"
	"go.opentelemetry.io/otel/attribute"
)

// Attribute keys of the HTTP client semantic conventions, and taroreq's own.
const (
	keyMethod         = attribute.Key("http.request.method")
	keyMethodOriginal = attribute.Key("http.request.method_original")
	keyURLFull        = attribute.Key("url.full")
	keyServerAddress  = attribute.Key("server.address")
	keyServerPort     = attribute.Key("server.port")
	keyStatusCode     = attribute.Key("http.response.status_code")
	keyErrorType      = attribute.Key("error.type")
	keyProtoVersion   = attribute.Key("network.protocol.version")
	keyResendCount    = attribute.Key("http.request.resend_count")

	keyAttempts    = attribute.Key("taroreq.attempts")
	keyAnsweredURL = attribute.Key("taroreq.answered_url")
	keyFromStore   = attribute.Key("taroreq.from_store")
	keyFromCache   = attribute.Key("taroreq.from_cache")
	keyEventError  = attribute.Key("taroreq.event.error")
)

// knownMethod returns the method as the conventions want it: a known method
// as it is, anything else as "_OTHER" (ok false).
func knownMethod(m string) (string, bool) {
	switch m {
	case "", http.MethodGet:
		return http.MethodGet, true
	case http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodConnect,
		http.MethodOptions, http.MethodTrace, http.MethodPatch:
		return m, true
	}
	return "_OTHER", false
}

// methodAttrs returns http.request.method (and method_original for an
// unknown method) and the span name part.
func methodAttrs(m string, attrs []attribute.KeyValue) ([]attribute.KeyValue, string) {
	known, ok := knownMethod(m)
	attrs = append(attrs, keyMethod.String(known))
	if !ok {
		// A method net/http refuses to send, which no server sees ("GET
		// tok", a token pasted into it), is named as the client's errors
		// name it, not recorded whole.
		return append(attrs, keyMethodOriginal.String(optiontext.SentMethod(m))), "HTTP"
	}
	return attrs, known
}

// serverAttrs returns server.address and server.port of u (the scheme's
// port when u names none).
func serverAttrs(u *url.URL, attrs []attribute.KeyValue) []attribute.KeyValue {
	if u == nil {
		return attrs
	}
	host := u.Hostname()
	if host == "" {
		return attrs
	}
	attrs = append(attrs, keyServerAddress.String(host))
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err == nil {
			return append(attrs, keyServerPort.Int(n))
		}
		return attrs
	}
	switch u.Scheme {
	case "http":
		return append(attrs, keyServerPort.Int(80))
	case "https":
		return append(attrs, keyServerPort.Int(443))
	}
	return attrs
}

// protoVersion is network.protocol.version of a response: "1.1", "2"...
func protoVersion(resp *http.Response) string {
	switch {
	case resp.ProtoMajor == 1 && resp.ProtoMinor == 1:
		return "1.1"
	case resp.ProtoMajor == 1 && resp.ProtoMinor == 0:
		return "1.0"
	case resp.ProtoMajor == 2:
		return "2"
	case resp.ProtoMajor == 3:
		return "3"
	case resp.ProtoMajor == 0:
		return ""
	}
	return strconv.Itoa(resp.ProtoMajor) + "." + strconv.Itoa(resp.ProtoMinor)
}

// errorType is error.type for a failed attempt: "timeout" for a deadline,
// "canceled" for a cancellation, else the Go type of the innermost
// meaningful error (e.g. "*net.OpError").
func errorType(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "timeout"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return fmt.Sprintf("%T", err)
}
