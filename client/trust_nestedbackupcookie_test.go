package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestNestedClientKeepsABackupsCookieForItsOrigin: a client over another
// client's Transport() whose call the inner client answered from the call's
// backup (the call's Backup goes down with it) kept the backup origin's
// Set-Cookie in its jar under the call's first URL, and sent it to that
// origin on the next call.
func TestNestedClientKeepsABackupsCookieForItsOrigin(t *testing.T) {
	var mu sync.Mutex
	var cookiesAtA []string
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cookiesAtA = append(cookiesAtA, r.Header.Get("Cookie"))
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer a.Close()
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "backups-session"})
		w.Write([]byte("ok"))
	}))
	defer backup.Close()
	inner := client.New()
	outer := client.New(client.WithTransport(inner.Transport()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range 2 {
		resp, err := outer.Request(ctx, client.Option{URL: a.URL + "/x", Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
			RetryTimes: client.NoRetry, Backup: []string{backup.URL + "/b"}})
		if err != nil || string(resp.Raw) != "ok" {
			t.Fatalf("the backup did not answer: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(cookiesAtA) != 2 {
		t.Fatalf("A got %d requests, want 2", len(cookiesAtA))
	}
	for i, ck := range cookiesAtA {
		if strings.Contains(ck, "backups-session") {
			t.Errorf("call %d: A got the backup origin's cookie: %q", i+1, ck)
		}
	}
}
