package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A layer below the backup layer (WithInnerLayers) that sets credentials
// runs for every backup too: what it sets never reaches a backup on
// another origin, and still reaches the primary.
func TestInnerLayerCredentialsNeverReachBackupAcross(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	handler := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.Host] = r.Header.Get("Authorization") + "|" + r.Header.Get("X-Tenant")
			mu.Unlock()
			w.WriteHeader(status)
		}
	}
	primary := httptest.NewServer(handler(http.StatusServiceUnavailable))
	defer primary.Close()
	other := httptest.NewServer(handler(http.StatusOK))
	defer other.Close()
	setCreds := credentialSetter(map[string]string{"Authorization": "Bearer alice-token", "X-Tenant": "alice"})
	c := client.New(client.WithInnerLayers(setCreds), client.WithCredentialHeaders("X-Tenant"))
	res, err := c.Request(context.Background(), client.Option{URL: primary.URL + "/p", Backup: []string{other.URL + "/p"},
		RetryTimes: client.NoRetry, Mode: client.ModeCORS})
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%v, %v", res.StatusCode, err)
	}
	if got := seen[primary.Listener.Addr().String()]; got != "Bearer alice-token|alice" {
		t.Errorf("the primary got %q", got)
	}
	if got := seen[other.Listener.Addr().String()]; got != "|" {
		t.Errorf("the backup on another origin got %q", got)
	}
}
