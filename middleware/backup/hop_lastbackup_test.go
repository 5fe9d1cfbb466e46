package backup_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// TestHopOfTheLastBackupsChainAnswers: a plain http.Client whose first URL
// redirects to a URL that fails (503) fails over to its one backup, which
// redirects to another failing URL. That hop has no backup left after the
// one that started its chain, so its 503 is the response obtained, as the
// last URL's failed answer is when no redirect is involved: it was an
// error, "backup: all 1 URLs failed", the answer closed.
func TestHopOfTheLastBackupsChainAnswers(t *testing.T) {
	var b *httptest.Server
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/r" {
			http.Redirect(w, r, b.URL+"/fail2", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "down "+r.URL.Path)
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/fail", http.StatusFound)
	}))
	defer a.Close()
	for _, backupURL := range []string{b.URL + "/fail2", b.URL + "/r"} {
		hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(backupURL))}
		resp, err := hc.Get(a.URL + "/p")
		if err != nil {
			t.Fatalf("backup %s: %v; want the last URL's 503", backupURL, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || string(body) != "down /fail2" {
			t.Errorf("backup %s: %d %q, want 503 \"down /fail2\"", backupURL, resp.StatusCode, body)
		}
		hc.CloseIdleConnections()
	}
}
