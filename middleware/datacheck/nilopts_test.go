package datacheck_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// TestNilOptions: a nil Option, or WithCheck(nil), means no check.
func TestNilOptions(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("body")), Request: r}, nil
	})
	for name, o := range map[string]datacheck.Option{"nil Option": nil, "WithCheck(nil)": datacheck.WithCheck(nil)} {
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := datacheck.New(base, o).RoundTrip(req)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "body" {
			t.Errorf("%s: body %q", name, b)
		}
	}
}

// TestMaxBodyZeroMeansDefault: WithMaxBodyBytes(0), or a negative bound, means
// the default bound, as a zero bound does everywhere else (the client's
// WithMaxResponseBytes, retry.WithBufferedBodies, httpcache's
// WithMaxBodyBytes, Settings.MaxBodyBytes). It bounded every body to 0
// bytes: every response with a body failed with middleware.ErrTooLarge.
func TestMaxBodyZeroMeansDefault(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, ContentLength: 4, Body: io.NopCloser(strings.NewReader("body")), Request: r}, nil
	})
	accept := datacheck.WithCheck(func(*http.Response, []byte) bool { return true })
	for _, n := range []int64{0, -1} {
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := datacheck.New(base, accept, datacheck.WithMaxBodyBytes(n)).RoundTrip(req)
		if err != nil {
			t.Errorf("WithMaxBodyBytes(%d): %v", n, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if string(b) != "body" {
			t.Errorf("WithMaxBodyBytes(%d): body %q", n, b)
		}
	}
}
