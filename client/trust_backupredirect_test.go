package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A backup that answers with a relative redirect sends the client to its
// own origin, as a browser would: not to the primary's, which would get
// the caller's credentials at a path the backup chose.
func TestBackupRelativeRedirectStaysOnBackup(t *testing.T) {
	var mu sync.Mutex
	var primaryPaths []string
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		primaryPaths = append(primaryPaths, r.URL.Path+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	var backupAuth []string
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		backupAuth = append(backupAuth, r.URL.Path+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		if r.URL.Path == "/p" {
			http.Redirect(w, r, "/admin/x", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`{"from":"backup"}`))
	}))
	defer backup.Close()
	c := client.New()
	res, err := c.Request(context.Background(), client.Option{URL: primary.URL + "/p", Backup: []string{backup.URL + "/p"},
		Header: http.Header{"Authorization": {"Bearer alice"}}, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
	if err != nil || res.StatusCode != 200 || res.Data.(map[string]any)["from"] != "backup" {
		t.Fatalf("%v %v %v", res.StatusCode, res.Data, err)
	}
	if len(primaryPaths) != 1 || primaryPaths[0] != "/p Bearer alice" {
		t.Errorf("the primary got %q, want its one request", primaryPaths)
	}
	if len(backupAuth) != 2 || backupAuth[0] != "/p " || backupAuth[1] != "/admin/x " {
		t.Errorf("the backup got %q, want /p and /admin/x without credentials", backupAuth)
	}
}
