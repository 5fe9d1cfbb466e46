package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// TestNilOptions: a nil Option, or a nil function given to one, means the
// default: the circuit of the origin trips after the threshold of 5xx.
func TestNilOptions(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 500, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	for name, o := range map[string]breaker.Option{
		"nil Option":           nil,
		"WithKey(nil)":         breaker.WithKey(nil),
		"WithFailure(nil)":     breaker.WithFailure(nil),
		"WithStateChange(nil)": breaker.WithStateChange(nil),
	} {
		rt := breaker.New(base, o, breaker.WithThreshold(2))
		var err error
		for i := 0; i < 3 && err == nil; i++ {
			req, _ := http.NewRequest("GET", "http://stub.test/", nil)
			var resp *http.Response
			if resp, err = rt.RoundTrip(req); err == nil {
				resp.Body.Close()
			}
		}
		if !errors.Is(err, breaker.ErrOpen) {
			t.Errorf("%s: err %v, want the circuit open after 2 failures", name, err)
		}
	}
}
