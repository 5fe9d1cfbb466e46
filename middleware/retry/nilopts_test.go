package retry_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// flaky answers 503 to its first n requests, then 200 "ok", and counts.
func flaky(n int, count *int) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		*count++
		status := 200
		if *count <= n {
			status = 503
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})
}

// TestNilOptions: a nil Option, or a nil function given to one, means the
// default: no panic, the layer retries as without it.
func TestNilOptions(t *testing.T) {
	cases := map[string]retry.Option{
		"nil Option":       nil,
		"WithPolicy(nil)":  retry.WithPolicy(nil),
		"WithBackoff(nil)": retry.WithBackoff(nil, 0, 0),
		"WithRand(nil)":    retry.WithRand(nil),
		"WithClock(nil)":   retry.WithClock(nil),
		"WithSleep(nil)":   retry.WithSleep(nil),
		"WithBudget(nil)":  retry.WithBudget(nil),
	}
	for name, o := range cases {
		n := 0
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := retry.New(flaky(1, &n), o, retry.WithRetryTimes(1)).RoundTrip(req)
		if err != nil || resp.StatusCode != 200 || n != 2 {
			t.Errorf("%s: resp %v err %v, %d attempts", name, resp, err, n)
			continue
		}
		resp.Body.Close()
	}
}
