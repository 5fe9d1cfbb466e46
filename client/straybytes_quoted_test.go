package client_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A layer of the caller's that quotes the error it got ("upstream: %q", a
// common way to wrap a text) quotes net/http's quote of alice's late bytes
// again, its quotes escaped: the client still withholds them from bob's
// Error, its cause and ErrMsg.
func TestLateStrayBytesQuotedAgainByALayerNeverReachAnother(t *testing.T) {
	quoting := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil {
				return nil, fmt.Errorf("upstream: %q", err.Error())
			}
			return resp, nil
		})
	}
	res, err := bobsCallAfterLateBytesOverTLS(t, bobsPost, client.WithOuterLayers(quoting))
	wantNoLateBytesQuoted(t, res, err)
}
