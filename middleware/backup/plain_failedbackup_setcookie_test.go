package backup_test

import (
	"bytes"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// TestPlainFailedBackupOfAnotherOriginSetsNoCookieForTheAskedURL: a plain
// http.Client's jar files an answer's cookies under the URL it asked for,
// a failed answer's as much as a success's. A backup on B whose failed
// answer is the response obtained (the last URL's 503, or a POST's 503
// that is not failed over) must not hand the jar its Set-Cookie: it was
// kept for A, and sent to A on every later request.
func TestPlainFailedBackupOfAnotherOriginSetsNoCookieForTheAskedURL(t *testing.T) {
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "planted-by-b", Path: "/"})
		if r.URL.Path != "/ok" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer b.Close()
	// B under another host name: net/http's jar scopes cookies by host.
	bURL := strings.Replace(b.URL, "127.0.0.1", "localhost", 1)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL // refuses connections: a POST surely unsent fails over
	dead.Close()

	for _, tc := range []struct {
		name, method, url string
		backups           []string
	}{
		{"the last backup's 503", http.MethodGet, a.URL, []string{bURL + "/fail"}},
		{"a POST's 503 not failed over", http.MethodPost, deadURL, []string{bURL + "/fail", bURL + "/ok"}},
	} {
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar, Transport: backup.New(nil, backup.WithURLs(tc.backups...))}
		req, _ := http.NewRequest(tc.method, tc.url, bytes.NewReader([]byte("x")))
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("%s: status %d, want the backup's 503", tc.name, resp.StatusCode)
		}
		asked, _ := url.Parse(tc.url)
		if got := jar.Cookies(asked); len(got) > 0 {
			t.Errorf("%s: the jar holds %v for %s, set by the backup on B", tc.name, got, tc.url)
		}
	}
}
