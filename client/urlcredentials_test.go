package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// withUserinfo puts user (name:password) into an http:// URL.
func withUserinfo(u, user string) string { return strings.Replace(u, "http://", "http://"+user+"@", 1) }

// A backup URL's userinfo is not sent: the store and the caches above the
// backup layer key answers by the primary's credentials, so an answer to
// credentials only a backup's URL carried would be kept for callers without
// them. (Neither do the primary's credentials reach a backup of another
// origin.)
func TestBackupUserinfoIsNotSent(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	var got []string
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
	}))
	defer backup.Close()
	for _, primaryURL := range []string{primary.URL + "/x", withUserinfo(primary.URL, "ann:pw1") + "/x"} {
		got = nil
		opt := client.Option{URL: primaryURL, Backup: []string{withUserinfo(backup.URL, "bob:pw2") + "/b"},
			Mode: client.ModeCORS, RetryTimes: client.NoRetry}
		res, err := client.New().Request(context.Background(), opt)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, err %v", res.StatusCode, err)
		}
		if len(got) != 1 || got[0] != "" {
			t.Fatalf("primary %s: the backup's Authorization %q, want none", primaryURL, got)
		}
	}
}

// A Location's userinfo is the redirecting server's, not the caller's: a
// hop to another origin goes without it as Authorization (fetch refuses
// such a redirect; the bottom layer keeps every credential off the hop).
func TestRedirectUserinfoToAnotherOriginSendsNoAuth(t *testing.T) {
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, withUserinfo(other.URL, "eve:pw")+"/r", http.StatusFound)
	}))
	defer primary.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: primary.URL + "/x", Mode: client.ModeCORS})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "" {
		t.Fatalf("the hop's Authorization %q, want none", got)
	}
}
