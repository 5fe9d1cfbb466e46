package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A backup's redirect is resolved against the backup's URL (README,
// Backup row), and so is a Location of its scheme alone (http:/p, fetch's
// path on the answering origin): when the backup answered for a redirect
// hop of the first URL, as when it answered for the first request, the
// next hop goes to the backup's origin, not to the first URL's.
func TestBackupsSchemeAloneLocationIsOfTheBackup(t *testing.T) {
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/start":
			http.Redirect(w, r, "/hop", http.StatusFound)
		case "/down":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case "/hop":
			http.Error(w, "down", http.StatusServiceUnavailable)
		default:
			w.Write([]byte("first origin's " + r.URL.Path))
		}
	}))
	defer first.Close()
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/b" {
			w.Header().Set("Location", "http:/p")
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Write([]byte("backup's " + r.URL.Path))
	}))
	defer backup.Close()
	c := client.New()
	for _, path := range []string{"/down", "/start"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: first.URL + path, Backup: []string{backup.URL + "/b"}, DataType: "text",
			RetryTimes: client.NoRetry})
		cancel()
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if got := string(resp.Raw); got != "backup's /p" {
			t.Errorf("%s (the backup answering for the %s): got %q, want the backup's /p", path,
				map[string]string{"/down": "first request", "/start": "redirect hop"}[path], got)
		}
	}
}
