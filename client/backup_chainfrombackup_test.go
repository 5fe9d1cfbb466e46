package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestBackupChainStartedByABackupFailsOverToTheNext: the first backup, on
// origin B, answers with a redirect to a URL of B that fails. The next
// backup, on the client's origin A, is then tried once, as Taro's next
// backup is, with the call's Authorization (the backup on B and its hop
// had it stripped). Two ways to get there: the primary on A fails; or it
// redirects to that failing URL of B itself, so that the first backup is a
// backup of a hop (a clone of it, still linked to the primary's chain).
// The hop went through the whole list again, the backup on B first, whose
// redirect led to the failing URL again, ten times up to the redirect
// bound, and the backup on A got the stripped headers of B's request.
func TestBackupChainStartedByABackupFailsOverToTheNext(t *testing.T) {
	for _, primaryRedirects := range []bool{false, true} {
		var mu sync.Mutex
		count := map[string]int{}
		auth := map[string]string{}
		rec := func(who string, r *http.Request) {
			mu.Lock()
			count[who+r.URL.Path]++
			auth[who+r.URL.Path] = r.Header.Get("Authorization")
			mu.Unlock()
		}
		b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec("B", r)
			if r.URL.Path == "/r" {
				http.Redirect(w, r, "/fail", http.StatusFound)
				return
			}
			w.WriteHeader(http.StatusServiceUnavailable)
		}))
		a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec("A", r)
			switch {
			case r.URL.Path != "/primary":
				_, _ = w.Write([]byte(`{"at":"a"}`))
			case primaryRedirects:
				http.Redirect(w, r, b.URL+"/fail", http.StatusFound)
			default:
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}))
		cl := client.New(client.WithBaseURL(a.URL))
		r, err := cl.Request(context.Background(), client.Option{URL: "/primary", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
			Header: http.Header{"Authorization": {"Bearer alice"}}, Backup: []string{b.URL + "/r", a.URL + "/a2"}})
		cl.CloseIdleConnections()
		a.Close()
		b.Close()
		if err != nil || r.URL != a.URL+"/a2" {
			t.Fatalf("primary redirects %v: got %v, %v; want the answer of the backup on A", primaryRedirects, r, err)
		}
		fails := 1
		if primaryRedirects {
			fails = 2 // the primary's hop, then the backup's
		}
		if count["B/r"] != 1 || count["B/fail"] != fails || count["A/a2"] != 1 {
			t.Errorf("primary redirects %v: requests %v, want B's backup and A's once, B/fail %d", primaryRedirects, count, fails)
		}
		if auth["B/r"] != "" || auth["B/fail"] != "" {
			t.Errorf("primary redirects %v: B got the call's Authorization: %v", primaryRedirects, auth)
		}
		if auth["A/a2"] != "Bearer alice" {
			t.Errorf("primary redirects %v: the backup on A got Authorization %q, want the call's", primaryRedirects, auth["A/a2"])
		}
	}
}

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
