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
	c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(), client.WithInnerLayers(addKey))
	opt := client.Option{URL: "/items?api_key=K", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{other.URL + "/items"}}
	for i := 0; i < 2; i++ {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("backup origin saw queries %q", seen)
	if len(seen) < 2 {
		t.Fatalf("no background revalidation seen")
	}
	for i, q := range seen {
		if q != "" {
			t.Errorf("request %d to the backup's origin carried %q: the layer's key crossed origins", i, q)
		}
	}
}

// The other side of the same mark: what the caller wrote in the backup URL
// stays on every request to it ("what you or the server wrote there
// stays"), the background revalidation of its entry included.
func TestABackupsBackgroundRevalidationKeepsItsWrittenSecret(t *testing.T) {
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
	noop := func(next http.RoundTripper) http.RoundTripper { return next }
	c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(), client.WithInnerLayers(noop))
	opt := client.Option{URL: "/items", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{other.URL + "/items?api_key=written-for-backup"}}
	for i := 0; i < 2; i++ {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("backup origin saw queries %q", seen)
	if len(seen) < 2 {
		t.Fatalf("no background revalidation seen")
	}
	for i, q := range seen {
		if q != "api_key=written-for-backup" {
			t.Errorf("request %d to the backup got %q, want the key the caller wrote", i, q)
		}
	}
}
