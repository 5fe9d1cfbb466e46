package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A redirect a backup answers with is resolved against the backup's URL
// (README, Security): also when the backup stood in for a redirect hop of
// the call, and for a plain http.Client over Client.Transport, whose
// http.Client resolves a relative Location against the URL it asked for
// (the failed one).
func TestBackupRelativeLocationIsTheBackups(t *testing.T) {
	serve := func(name string, h http.HandlerFunc) string {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/z" {
				io.WriteString(w, `{"at":"`+name+`"}`)
				return
			}
			h(w, r)
		}))
		t.Cleanup(s.Close)
		return s.URL
	}
	backupURL := serve("backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/z")
		w.WriteHeader(http.StatusFound)
	})
	backupURL = strings.Replace(backupURL, "127.0.0.1", "localhost", 1) // another origin
	primary := serve("primary", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/hop", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	c := client.New(client.WithBaseURL(primary))

	t.Run("hop of a call", func(t *testing.T) {
		resp, err := c.Request(context.Background(), client.Option{URL: "/start", Backup: []string{backupURL + "/b"},
			Mode: client.ModeCORS, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatal(err)
		}
		if at := resp.Data.(map[string]any)["at"]; at != "backup" || resp.URL != backupURL+"/z" {
			t.Errorf("answered by %v at %s, want the backup's /z (%s/z)", at, resp.URL, backupURL)
		}
	})

	t.Run("plain http.Client", func(t *testing.T) {
		plain := client.New(client.WithBaseURL(primary), client.WithBackup(backup.WithURLs(backupURL+"/b")), client.WithRetry(retry.WithRetryTimes(0)))
		hc := &http.Client{Transport: plain.Transport(), CheckRedirect: plain.CheckRedirect}
		resp, err := hc.Get(primary + "/fail")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != `{"at":"backup"}` || resp.Request.URL.String() != backupURL+"/z" {
			t.Errorf("got %s from %s, want the backup's /z (%s/z)", body, resp.Request.URL, backupURL)
		}
	})
}
