package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// An inner layer puts the caller's key in every attempt's query. The
// backup is of another origin: the client's bottom layer must strip the key
// from every request to it, the HTTP cache's background revalidation of the
// backup's entry included (README Security).
func TestABackupsBackgroundRevalidationGetsNoLayerSecret(t *testing.T) {
	addKey := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			q := r.URL.Query()
			if q.Get("api_key") == "" {
				q.Set("api_key", "K")
				r.URL.RawQuery = q.Encode()
			}
			return next.RoundTrip(r)
		})
	}
	for i, q := range backupRevalidations(t, addKey, "/items?api_key=K", "/items") {
		if q != "" {
			t.Errorf("request %d to the backup's origin carried %q: the layer's key crossed origins", i, q)
		}
	}
}

// The other side of the same mark: what the caller wrote in the backup URL
// stays on every request to it ("what you or the server wrote there
// stays"), the background revalidation of its entry included.
func TestABackupsBackgroundRevalidationKeepsItsWrittenSecret(t *testing.T) {
	noop := func(next http.RoundTripper) http.RoundTripper { return next }
	for i, q := range backupRevalidations(t, noop, "/items", "/items?api_key=written-for-backup") {
		if q != "api_key=written-for-backup" {
			t.Errorf("request %d to the backup got %q, want the key the caller wrote", i, q)
		}
	}
}

// backupRevalidations calls url twice with a backup (backup, a path on
// another origin whose answer is stale at once but may be revalidated in
// the background) on a client with the HTTP cache and inner, the primary
// failing: it returns the queries the backup's origin saw, the background
// revalidation's included.
func backupRevalidations(t *testing.T, inner middleware.Middleware, url, backup string) []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.RawQuery)
		mu.Unlock()
		w.Header().Set("Cache-Control", "max-age=0, stale-while-revalidate=60")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":1}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(), client.WithInnerLayers(inner))
	opt := client.Option{URL: url, Mode: client.ModeCORS, RetryTimes: client.NoRetry, Backup: []string{other.URL + backup}}
	for i := 0; i < 2; i++ {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) < 2 {
		t.Fatalf("no background revalidation seen (the backup's origin saw %q)", seen)
	}
	return append([]string(nil), seen...)
}
