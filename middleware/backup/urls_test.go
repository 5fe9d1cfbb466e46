package backup_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestWithURLsKeepsItsOwnCopy: WithURLs keeps the URLs it was given, as
// the package's Option doc says ("Options only set the configuration when
// it is built"): it kept the caller's slice, so that a caller refilling
// that slice for its next layer (another tenant's backups) changed where
// the first layer's requests failed over to, and writing to it while
// requests ran was a data race.
func TestWithURLsKeepsItsOwnCopy(t *testing.T) {
	var hosts []string
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		hosts = append(hosts, r.URL.Host)
		return &http.Response{StatusCode: 503, Body: io.NopCloser(strings.NewReader("down")), Request: r}, nil
	})
	urls := []string{"http://backup-of-alice.test/items"}
	rt := backup.New(base, backup.WithURLs(urls...))
	urls[0] = "http://backup-of-bob.test/items" // the caller reuses its slice

	req, _ := http.NewRequest("GET", "http://primary.test/items", nil)
	resp, err := rt.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	if want := []string{"primary.test", "backup-of-alice.test"}; strings.Join(hosts, " ") != strings.Join(want, " ") {
		t.Errorf("hosts dialed %q, want %q", hosts, want)
	}
}

// TestRelativeBackupURLSaysWhy: a backup URL with no scheme or no host (in
// a plain chain, where nothing resolves it against the first URL) fails
// with an error that says why, and is never dialed; a port without a host
// name (http://:80/x, whose Host net/http dials on the local machine) too.
func TestRelativeBackupURLSaysWhy(t *testing.T) {
	var hosts []string
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		hosts = append(hosts, r.URL.Host)
		return &http.Response{StatusCode: 503, Body: io.NopCloser(strings.NewReader("down")), Request: r}, nil
	})
	for _, raw := range []string{"/v2/items", "backup.test/items", "http:items", "http://:80/items", "https://user:pw@:8443/items"} {
		hosts = nil
		req, _ := http.NewRequest("GET", "http://primary.test/items", nil)
		resp, err := backup.New(base, backup.WithURLs(raw)).RoundTrip(req)
		if resp != nil {
			resp.Body.Close()
		}
		var ue *backup.URLError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "invalid backup URL: not absolute") {
			t.Errorf("backup %q: %v; want a URLError saying it is not absolute", raw, err)
		}
		if len(hosts) != 1 || hosts[0] != "primary.test" {
			t.Errorf("backup %q: hosts dialed %q, want the primary only", raw, hosts)
		}
	}
}
