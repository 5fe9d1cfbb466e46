package transports

import (
	"errors"
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// Error returns an http.RoundTripper that fails every request with err, as
// it is, after closing the request's body: a transport for the failure paths
// of a test, such as a refused connection or a reset. It never touches the
// network, and is safe for concurrent use. A nil err, which would break the
// http.RoundTripper contract (no response and no error), becomes ErrNilError.
func Error(err error) http.RoundTripper {
	if err == nil {
		err = ErrNilError
	}
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if bad := middleware.CheckRequest(req); bad != nil {
			return nil, bad
		}
		middleware.CloseRequestBody(req)
		return nil, err
	})
}

// ErrNilError is the error of Error(nil)'s transport.
var ErrNilError = errors.New("transports: Error(nil): no error was given to fail with")
