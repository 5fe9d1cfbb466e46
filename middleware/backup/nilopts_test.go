package backup_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestNilOptions: a nil Option, WithFailure(nil) or WithFallback(nil) means
// the default: a 503 primary fails over to the backup.
func TestNilOptions(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		status := 200
		if r.URL.Host == "primary.test" {
			status = 503
		}
		return &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(r.URL.Host)), Request: r}, nil
	})
	for name, o := range map[string]backup.Option{
		"nil Option":        nil,
		"WithFailure(nil)":  backup.WithFailure(nil),
		"WithFallback(nil)": backup.WithFallback(nil),
	} {
		req, _ := http.NewRequest("GET", "http://primary.test/", nil)
		resp, err := backup.New(base, backup.WithURLs("http://backup.test/"), o).RoundTrip(req)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "backup.test" {
			t.Errorf("%s: status %d body %q", name, resp.StatusCode, b)
		}
	}
}
