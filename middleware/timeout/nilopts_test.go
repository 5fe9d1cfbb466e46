package timeout_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// TestNilOption: a nil Option means the default.
func TestNilOption(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if _, ok := r.Context().Deadline(); !ok {
			t.Error("no deadline: the default timeout was lost")
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	})
	for name, opts := range map[string][]timeout.Option{"nil Option": {nil}, "nil then WithTimeout": {nil, timeout.WithTimeout(timeout.DefaultTimeout)}} {
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := timeout.New(base, opts...).RoundTrip(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
	}
}
