package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// queryLog records the request URIs a server got.
type queryLog struct {
	mu   sync.Mutex
	uris []string
}

func (l *queryLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.uris = append(l.uris, r.URL.RequestURI())
}

func (l *queryLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.uris...)
}

// hopServers starts B, which fails /hop and answers the rest, and A, which
// redirects everything to B's /hop with its query: a backup on B is then
// tried from a hop on its own origin.
func hopServers(t *testing.T) (a, b *httptest.Server, got *queryLog) {
	got = new(queryLog)
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.add(r)
		if r.URL.Path == "/hop" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"ok":1}`))
	}))
	t.Cleanup(b.Close)
	a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/hop?"+r.URL.RawQuery, http.StatusFound)
	}))
	t.Cleanup(a.Close)
	return a, b, got
}

// A redirect hop to the backup's origin that fails makes the backup layer
// fail over from the hop: the backup is still of another origin than the
// call's first URL, so it gets no query field named like a secret, as a
// direct failover would not.
func TestBackupAfterRedirectToItsOriginGetsNoSecretQuery(t *testing.T) {
	a, b, got := hopServers(t)
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x",
		Data: map[string]any{"access_token": "S3CRET", "page": 2}, Backup: []string{b.URL + "/backup"},
		Mode: client.ModeCORS, RetryTimes: client.NoRetry})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, err %v; want the backup's 200", resp.StatusCode, err)
	}
	uris := got.all()
	if len(uris) != 2 || uris[1] != "/backup?page=2" {
		t.Fatalf("B got %q; want the hop, then /backup?page=2 without the secret", uris)
	}
	if strings.Contains(resp.URL, "S3CRET") {
		t.Fatalf("Response.URL %q carries the secret", resp.URL)
	}
}

// The same through a plain http.Client over c.Transport(): the first
// request of the redirect chain is the one the secret belongs to.
func TestPlainClientBackupAfterRedirectGetsNoSecretQuery(t *testing.T) {
	a, b, got := hopServers(t)
	c := client.New(client.WithBackup(backup.WithURLs(b.URL + "/backup")))
	hc := &http.Client{Transport: c.Transport()}
	resp, err := hc.Get(a.URL + "/x?access_token=S3CRET&page=2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, u := range got.all() {
		if strings.HasPrefix(u, "/backup") && strings.Contains(u, "S3CRET") {
			t.Fatalf("the backup on another origin got %q", u)
		}
	}
}
