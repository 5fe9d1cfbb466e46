package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestCORSOriginPerAttempt: under Mode cors, Origin goes with each request
// bound for another origin than the client's, as fetch sends it, and not
// with a same-origin one: a primary of the client's origin whose backup is
// another's goes without it, the backup with it; a redirect from the
// client's origin to another carries it on the cross-origin hop.
func TestCORSOriginPerAttempt(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{} // path -> Origin received
	record := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Get("Origin")
		mu.Unlock()
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(w, r)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer other.Close()
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(w, r)
		switch r.URL.Path {
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/away":
			http.Redirect(w, r, other.URL+"/landed", http.StatusFound)
		default:
			_, _ = w.Write([]byte(`{"ok":true}`))
		}
	}))
	defer home.Close()
	c := client.New(client.WithBaseURL(home.URL))
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/down", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{other.URL + "/backup"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: "/away", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: other.URL + "/direct", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string]string{"/down": "", "/backup": home.URL, "/away": "", "/landed": home.URL, "/direct": home.URL} {
		if got, ok := seen[path]; !ok || got != want {
			t.Errorf("%s: Origin %q (received %v), want %q", path, got, ok, want)
		}
	}
}
