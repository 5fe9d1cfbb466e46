package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestRelativeURLWithBadEscapeGetsNoSchemeHint: go-httpbin's paths take any
// bytes, and a relative Option URL with an invalid escape ("/anything/%zz")
// fails before any I/O, as it should, but its error added "(an absolute URL
// starts with http:// or https://)", the hint for a host:port written
// without its scheme, which sends the reader after a scheme the URL does not
// need. A path reference names no host: the error says
// what url.Parse found, without the hint.
func TestRelativeURLWithBadEscapeGetsNoSchemeHint(t *testing.T) {
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	for _, raw := range []string{"/anything/%zz", "./a/%zz", "../%zz", "a/%zz"} {
		resp, err := c.Request(context.Background(), client.Option{URL: raw})
		if !errors.Is(err, client.ErrInvalidURL) || resp.Attempts != 0 {
			t.Fatalf("%q: err %v, %d attempts; want ErrInvalidURL before any I/O", raw, err, resp.Attempts)
		}
		if !strings.Contains(err.Error(), `invalid URL escape "%zz"`) || strings.Contains(err.Error(), "starts with http") {
			t.Errorf("%q: %q; want url.Parse's reason without the scheme hint", raw, err)
		}
	}
}
