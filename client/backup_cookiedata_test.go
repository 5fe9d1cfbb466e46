package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README (Security): a query parameter is secret when its name "looks secret
// by the same rule" (contains token, key, secret, ... session ...), or when
// its JSON value has a member so named. "cookies" (a consent flag) is none
// of these; the backup row drops only "query data fields named like a
// secret (access_token, api_key…)". A backup on another origin must get the
// rest of the query data.
func TestBackupKeepsQueryDataNamedLikeCookies(t *testing.T) {
	var got string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/items", Mode: client.ModeCORS,
		RetryTimes: client.NoRetry, Backup: []string{other.URL + "/items"},
		Data: map[string]any{"consent": map[string]any{"cookies": true}, "cookies": "accepted", "page": 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "consent=%7B%22cookies%22%3Atrue%7D&cookies=accepted&page=2"; got != want {
		t.Errorf("backup got %q, want %q", got, want)
	}
}
