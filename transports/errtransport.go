package transports

import (
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// Error returns an http.RoundTripper that fails every request with err, as
// it is, after closing the request's body: a transport for the failure paths
// of a test, such as a refused connection or a reset. It never touches the
// network, and is safe for concurrent use. It panics if err is nil, which
// would break the http.RoundTripper contract.
func Error(err error) http.RoundTripper {
	if err == nil {
		panic("transports: Error(nil)")
	}
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		closeBody(req)
		return nil, err
	})
}
