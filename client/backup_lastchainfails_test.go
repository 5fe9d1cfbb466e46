package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestLastBackupsRedirectToAFailingURLFailsTheCall: a call whose primary
// fails (503) and whose one backup fails too is a failed call (ErrMsg
// request:fail, backup.ErrExhausted), the last answer's data kept, whether
// the backup fails at once or redirects to a URL that fails. With the
// redirect, the call came back request:ok with err nil: the hop of the last
// backup's chain answered as a URL with no backups, which only a plain
// http.Client's must (its RoundTripper hands on the response obtained).
func TestLastBackupsRedirectToAFailingURLFailsTheCall(t *testing.T) {
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/r" {
			http.Redirect(w, r, "/fail", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"down":"` + r.URL.Path + `"}`))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer a.Close()
	for _, backupURL := range []string{b.URL + "/fail", b.URL + "/r"} {
		cl := client.New()
		r, err := cl.Request(context.Background(), client.Option{URL: a.URL + "/p", Mode: client.ModeCORS,
			RetryTimes: client.NoRetry, Backup: []string{backupURL}})
		cl.CloseIdleConnections()
		if err == nil || !errors.Is(err, backup.ErrExhausted) {
			t.Errorf("backup %s: err %v, want backup.ErrExhausted", backupURL, err)
		}
		if r == nil || r.ErrMsg == "request:ok" || r.StatusCode != http.StatusServiceUnavailable || r.URL != b.URL+"/fail" {
			t.Errorf("backup %s: response %+v, want a failed call with the last 503", backupURL, r)
		}
	}
}
